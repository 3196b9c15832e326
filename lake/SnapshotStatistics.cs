using System.Text;
using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>Schema and per-column statistics of a snapshot, read from its Parquet files in one scan.</summary>
internal static class SnapshotStatistics
{
    // Min and max are for display; a long text column must not put megabytes into the catalog.
    private const int MaxValueLength = 256;

    public static async Task<SnapshotSummary> ComputeAsync(
        DuckDBConnection connection, IReadOnlyList<string> fullPaths, CancellationToken cancellationToken)
    {
        if (fullPaths.Count == 0)
        {
            return SnapshotSummary.Empty;
        }

        var source = LakeSql.ReadParquet(fullPaths);
        var columns = await LakeSql.DescribeAsync(connection, "SELECT * FROM " + source, cancellationToken);

        var sql = new StringBuilder("SELECT count(*)");
        foreach (var (name, _) in columns)
        {
            var column = LakeSql.Identifier(name);
            sql.Append($", count(*) - count({column}), min({column})::VARCHAR, max({column})::VARCHAR, approx_count_distinct({column})");
        }
        sql.Append(" FROM ").Append(source);

        var rows = await LakeSql.QueryAsync(connection, sql.ToString(), reader =>
        {
            var statistics = new List<ColumnStatistics>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                var at = 1 + i * 4;
                statistics.Add(new ColumnStatistics(
                    columns[i].Name,
                    reader.GetInt64(at),
                    Text(reader, at + 1),
                    Text(reader, at + 2),
                    reader.GetInt64(at + 3)));
            }
            return (RowCount: reader.GetInt64(0), Statistics: statistics);
        }, cancellationToken);

        var schema = columns.Select(c => new SchemaColumn(c.Name, c.Type)).ToList();
        return new SnapshotSummary(rows[0].RowCount, schema, rows[0].Statistics);
    }

    /// <summary>A min or max as the catalog keeps it: text, cut to <see cref="MaxValueLength"/> characters.</summary>
    public static string? Text(DuckDBDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        var text = reader.GetString(ordinal);
        return text.Length <= MaxValueLength ? text : text[..MaxValueLength] + "…";
    }
}
