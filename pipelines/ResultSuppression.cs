using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Pipelines;

/// <summary>
/// Small-cell suppression of a result file (docs/pipelines.md, "Small-cell suppression"). Primary: a row whose count
/// is below k is hidden. Complementary: a total (a row whose dimension d is NULL, as ROLLUP and GROUPING SETS make)
/// that is published while exactly one of the rows it sums over d is hidden would give that row away by subtraction,
/// so the smallest visible row of that group is hidden too (or, when there is none, the total itself); repeated over
/// every dimension until nothing changes, since each new hidden row can expose another total. Ties are broken by the
/// dimension values, so the same result always hides the same rows. Runs on the engine's own connection: no user SQL.
/// </summary>
internal static class ResultSuppression
{
    private const string Cell = "pipeline_cell";
    private const string Hidden = "pipeline_hidden";

    /// <summary>Writes the suppressed result to <paramref name="target"/> and returns how many rows it hid.</summary>
    public static async Task<long> WriteAsync(
        DuckDBConnection connection, Suppression suppression, int threshold, string source, string target,
        CancellationToken cancellationToken)
    {
        var table = "pipeline_cells_" + Guid.NewGuid().ToString("N");
        var count = PipelineSqlText.Identifier(suppression.CountColumn);
        await ExecuteAsync(connection,
            $"CREATE TEMP TABLE {table} AS SELECT row_number() OVER () AS {Cell}, *, " +
            $"coalesce({count} < {PipelineSqlText.Int(threshold)}, false) AS {Hidden} FROM {PipelineSqlText.ReadParquet(source)};",
            cancellationToken);
        try
        {
            // Each pass hides at least one more row, so this ends; the bound only guards against a mistake here.
            for (var pass = 0; pass < 10_000; pass++)
            {
                var changed = 0;
                foreach (var dimension in suppression.Dimensions)
                {
                    changed += await ExecuteAsync(connection, ComplementarySql(table, suppression, dimension), cancellationToken);
                }
                if (changed == 0)
                {
                    break;
                }
            }

            var hiddenColumns = suppression.Measures.Append(suppression.CountColumn).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(c => $"CASE WHEN {Hidden} THEN NULL ELSE {PipelineSqlText.Identifier(c)} END AS {PipelineSqlText.Identifier(c)}");
            await ExecuteAsync(connection,
                $"COPY (SELECT * EXCLUDE ({Cell}, {Hidden}) REPLACE ({string.Join(", ", hiddenColumns)}), " +
                $"{Hidden} AS {PipelineSqlText.Identifier(suppression.FlagColumn)} FROM {table} ORDER BY {Cell}) " +
                $"TO {PipelineSqlText.Literal(target)} (FORMAT parquet, COMPRESSION zstd);",
                cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table} WHERE {Hidden}";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {table};", CancellationToken.None);
        }
    }

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
