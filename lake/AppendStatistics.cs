using System.Text;
using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>
/// The statistics of an append, from the previous version's and those of the new rows alone: reading every file of
/// the snapshot again would make each streamed batch cost more than the one before. Row and null counts add up, and
/// min and max combine exactly (compared as the column's type, by DuckDB). Approximate distinct counts cannot be
/// combined, since the sketches behind them are not kept: the larger of the two is taken, which is never above the
/// truth (beyond the estimate's own error) and trails it by at most the values the appends since the last full count
/// brought. Every <see cref="FullCountEvery"/>-th version, and any append that changes a column's type or whose min or
/// max cannot be read back as the column's type, counts everything again.
/// </summary>
internal static class AppendStatistics
{
    public const int FullCountEvery = 16;

    public static async Task<SnapshotSummary> ComputeAsync(
        DuckDBConnection connection, DatasetVersion previous, IReadOnlyList<string> newFullPaths, IReadOnlyList<string> allFullPaths,
        CancellationToken cancellationToken)
    {
        var exactDue = (previous.Number + 1) % FullCountEvery == 0;
        if (!exactDue && previous.Schema.Count > 0 && previous.Statistics.Count == previous.Schema.Count)
        {
            var added = await SnapshotStatistics.ComputeAsync(connection, newFullPaths, cancellationToken);
            if (await MergeAsync(connection, previous, added, cancellationToken) is { } merged)
            {
                return merged;
            }
        }
        return await SnapshotStatistics.ComputeAsync(connection, allFullPaths, cancellationToken);
    }

    /// <returns>Null when a column changed type, or a min or max does not read back as its type.</returns>
    private static async Task<SnapshotSummary?> MergeAsync(
        DuckDBConnection connection, DatasetVersion previous, SnapshotSummary added, CancellationToken cancellationToken)
    {
        // The union of the files reads the previous columns first, then those the new files add.
        var schema = previous.Schema.ToList();
        foreach (var column in added.Schema)
        {
            var known = schema.FindIndex(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase));
            if (known < 0)
            {
                schema.Add(column);
            }
            else if (schema[known].Name != column.Name || schema[known].Type != column.Type)
            {
                return null;
            }
        }
        var before = previous.Statistics.ToDictionary(s => s.Column, StringComparer.Ordinal);
        var now = added.Statistics.ToDictionary(s => s.Column, StringComparer.Ordinal);

        var sql = new StringBuilder("SELECT true");
        foreach (var column in schema)
        {
            var (old, fresh) = (before.GetValueOrDefault(column.Name), now.GetValueOrDefault(column.Name));
            string Typed(string? text) => text is null ? "NULL" : $"TRY_CAST({LakeSql.Literal(text)} AS {column.Type})";
            string Unreadable(string? text) => text is null ? "false" : $"{Typed(text)} IS NULL";
            sql.Append($", least({Typed(old?.Min)}, {Typed(fresh?.Min)})::VARCHAR, greatest({Typed(old?.Max)}, {Typed(fresh?.Max)})::VARCHAR")
                .Append($", {Unreadable(old?.Min)} OR {Unreadable(old?.Max)} OR {Unreadable(fresh?.Min)} OR {Unreadable(fresh?.Max)}");
        }
        var statistics = new List<ColumnStatistics>(schema.Count);
        var readable = (await LakeSql.QueryAsync(connection, sql.ToString(), reader =>
        {
            for (var i = 0; i < schema.Count; i++)
            {
                if (reader.GetBoolean(3 + i * 3))
                {
                    return false;
                }
                var (old, fresh) = (before.GetValueOrDefault(schema[i].Name), now.GetValueOrDefault(schema[i].Name));
                statistics.Add(new ColumnStatistics(
                    schema[i].Name,
                    // A column one side lacks is null in all of that side's rows.
                    (old?.NullCount ?? previous.RowCount) + (fresh?.NullCount ?? added.RowCount),
                    SnapshotStatistics.Text(reader, 1 + i * 3),
                    SnapshotStatistics.Text(reader, 2 + i * 3),
                    Larger(old?.ApproximateDistinctCount, fresh?.ApproximateDistinctCount)));
            }
            return true;
        }, cancellationToken))[0];
        return readable ? new SnapshotSummary(previous.RowCount + added.RowCount, schema, statistics) : null;
    }

    private static long? Larger(long? left, long? right) => left is null ? right : right is null ? left : Math.Max(left.Value, right.Value);
}
