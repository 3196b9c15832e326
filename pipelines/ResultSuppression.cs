using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Pipelines;

/// <summary>
/// Small-cell suppression of a result (docs/pipelines.md, "Small-cell suppression"), in two steps. Primary, on the
/// way out of the sandbox: a row whose count is below k is hidden, by SQL wrapped around the pipeline's own, so DuckDB
/// applies it while it writes the result. Complementary, on the engine's connection, only when the result has totals:
/// a total (a row whose dimension d is NULL, as ROLLUP and GROUPING SETS make) that is published while exactly one of
/// the rows it sums over d is hidden would give that row away by subtraction, so the smallest visible row of that
/// group is hidden too (or, when there is none, the total itself); repeated over every dimension until nothing
/// changes, since each new hidden row can expose another total. Ties are broken by the dimension values, so the same
/// result always hides the same rows.
/// </summary>
internal static class ResultSuppression
{
    private const string Cell = "pipeline_cell";
    private const string Hidden = "pipeline_hidden";

    /// <summary>What was found and done after the primary suppression.</summary>
    /// <param name="Rewritten">The result file with complementary suppression, when it hid more rows; null when the result is final.</param>
    public sealed record Outcome(long Hidden, string? Rewritten);

    /// <summary>
    /// <paramref name="sql"/>'s rows with every row whose count is below <paramref name="threshold"/> hidden: its count
    /// and measures NULL, and the flag column (added last) true.
    /// </summary>
    public static string Primary(string sql, Suppression suppression, int threshold)
    {
        var count = PipelineSqlText.Identifier(suppression.CountColumn);
        return $"SELECT * EXCLUDE ({Hidden}) REPLACE ({Masked(suppression)}), {Hidden} AS {PipelineSqlText.Identifier(suppression.FlagColumn)} " +
            $"FROM (SELECT *, coalesce({count} < {PipelineSqlText.Int(threshold)}, false) AS {Hidden} FROM ({sql}) AS pipeline_rows) AS pipeline_cells";
    }

    /// <summary>
    /// Completes the suppression of <paramref name="source"/>, written by <see cref="Primary"/>: when it has totals
    /// and they expose hidden rows, writes the result with their complements hidden too, beside it.
    /// </summary>
    public static async Task<Outcome> CompleteAsync(
        DuckDBConnection connection, Suppression suppression, string source, CancellationToken cancellationToken)
    {
        var flag = PipelineSqlText.Identifier(suppression.FlagColumn);
        var totals = string.Join(" OR ", suppression.Dimensions.Select(d => $"{PipelineSqlText.Identifier(d)} IS NULL"));
        long hidden, totalRows;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT count(*) FILTER (WHERE {flag}), count(*) FILTER (WHERE {totals}) FROM {PipelineSqlText.ReadParquet(source)}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (hidden, totalRows) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        // Without totals, or with no row hidden, nothing can be given away by subtraction.
        if (totalRows == 0 || hidden == 0)
        {
            return new Outcome(hidden, null);
        }

        var table = "pipeline_cells_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(connection,
            $"CREATE TEMP TABLE {table} AS SELECT row_number() OVER () AS {Cell}, * EXCLUDE ({flag}), {flag} AS {Hidden} FROM {PipelineSqlText.ReadParquet(source)};",
            cancellationToken);
        try
        {
            var complements = 0L;
            // Each pass hides at least one more row, so this ends; the bound only guards against a mistake here.
            for (var pass = 0; pass < 10_000; pass++)
            {
                var changed = 0;
                foreach (var dimension in suppression.Dimensions)
                {
                    changed += await ExecuteAsync(connection, ComplementarySql(table, suppression, dimension), cancellationToken);
                }
                complements += changed;
                if (changed == 0)
                {
                    break;
                }
            }
            if (complements == 0)
            {
                return new Outcome(hidden, null);
            }

            var target = Path.Combine(Path.GetDirectoryName(source)!, Guid.NewGuid().ToString("N") + ".parquet");
            await ExecuteAsync(connection,
                $"COPY (SELECT * EXCLUDE ({Cell}, {Hidden}) REPLACE ({Masked(suppression)}), {Hidden} AS {flag} FROM {table} ORDER BY {Cell}) " +
                $"TO {PipelineSqlText.Literal(target)} (FORMAT parquet, COMPRESSION zstd);",
                cancellationToken);
            return new Outcome(hidden + complements, target);
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {table};", CancellationToken.None);
        }
    }

    /// <summary>The count and the measures, NULL where the row is hidden.</summary>
    private static string Masked(Suppression suppression) =>
        string.Join(", ", suppression.Measures.Append(suppression.CountColumn).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(PipelineSqlText.Identifier)
            .Select(c => $"CASE WHEN {Hidden} THEN NULL ELSE {c} END AS {c}"));

    /// <summary>One pass over dimension <paramref name="dimension"/>: hides a complement for every published total
    /// over it that has exactly one hidden row among the rows it sums.</summary>
    private static string ComplementarySql(string table, Suppression suppression, string dimension)
    {
        var d = PipelineSqlText.Identifier(dimension);
        var same = suppression.Dimensions.Where(o => o != dimension).Select(PipelineSqlText.Identifier)
            .Select(o => $" AND t.{o} IS NOT DISTINCT FROM c.{o}");
        var order = string.Join(", ", suppression.Dimensions.Select(o => "c." + PipelineSqlText.Identifier(o)));
        return $"""
            UPDATE {table} SET {Hidden} = true WHERE {Cell} IN (
                WITH members AS (
                    SELECT t.{Cell} AS total, c.{Cell} AS cell, c.{Hidden} AS hidden,
                           row_number() OVER (PARTITION BY t.{Cell}, c.{Hidden}
                                              ORDER BY c.{PipelineSqlText.Identifier(suppression.CountColumn)}, {order}) AS rank
                    FROM {table} t JOIN {table} c ON t.{d} IS NULL AND c.{d} IS NOT NULL{string.Concat(same)}
                    WHERE NOT t.{Hidden}
                ),
                exposed AS (SELECT total FROM members GROUP BY total HAVING count(*) FILTER (WHERE hidden) = 1)
                SELECT coalesce((SELECT m.cell FROM members m WHERE m.total = e.total AND NOT m.hidden AND m.rank = 1), e.total)
                FROM exposed e
            );
            """;
    }

    private static async Task<int> ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
