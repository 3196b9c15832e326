using System.Globalization;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Pipelines;

/// <summary>
/// Runs quality checks, each as a query for the rows that break it, in the owner's own sandbox: custom assertions are
/// user SQL, so they get exactly the same limits as a pipeline's SQL. The rows checked are the view <c>output</c> (a
/// CTE over a pipeline's result file, or over a dataset's version view).
/// </summary>
internal static class ResultChecks
{
    public const int SampleRows = 5;

    /// <summary>The first check that fails, with up to <see cref="SampleRows"/> offending rows, or null when all pass.</summary>
    public static async Task<CheckFailure?> FirstFailureAsync(
        QuerySession session, IReadOnlyList<DataCheck> checks, string rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var check in checks)
        {
            var result = await EvaluateAsync(session, check, rows, now, cancellationToken);
            if (!result.Passed)
            {
                return new CheckFailure(result.Check, result.Message!, result.Columns, result.Rows);
            }
        }
        return null;
    }

    /// <summary>What one check finds.</summary>
    /// <param name="rows">What the check reads as <c>output</c>: anything that can follow FROM.</param>
    public static async Task<VersionCheck> EvaluateAsync(
        QuerySession session, DataCheck check, string rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var output = $"WITH output AS (FROM {rows}) ";
        var failing = $"({FailingRowsSql(check, now)}) AS failing";
        long count;
        await using (var reader = await session.ExecuteReaderAsync(session.Check($"{output}SELECT count(*) FROM {failing}"), cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            count = reader.GetInt64(0);
        }
        if (count == 0)
        {
            return new VersionCheck(Name(check), true, null, 0, [], []);
        }
        await using var samples = await session.ExecuteReaderAsync(
            session.Check($"{output}SELECT CAST(COLUMNS(*) AS VARCHAR) FROM {failing} LIMIT {SampleRows}"), cancellationToken);
        var columns = Enumerable.Range(0, samples.FieldCount).Select(samples.GetName).ToList();
        var sample = new List<IReadOnlyList<string?>>();
        while (await samples.ReadAsync(cancellationToken))
        {
            sample.Add(Enumerable.Range(0, samples.FieldCount).Select(i => samples.IsDBNull(i) ? null : samples.GetString(i)).ToList());
        }
        return new VersionCheck(Name(check), false, $"{count} row(s) break the check {Name(check)}.", count, columns, sample);
    }

    /// <summary>The check's own name, or what it checks.</summary>
    public static string Name(DataCheck check) => check.Name ?? check.Kind switch
    {
        DataCheckKind.NotNull => $"not_null({check.Column})",
        DataCheckKind.Unique => $"unique({string.Join(", ", check.Columns)})",
        DataCheckKind.AcceptedValues => $"accepted_values({check.Column})",
        DataCheckKind.RowCount => $"row_count({check.Min?.ToString() ?? "…"}..{check.Max?.ToString() ?? "…"})",
        DataCheckKind.Freshness => $"freshness({check.Column}, {check.MaxAge})",
        _ => "sql",
    };

    /// <summary>
    /// Refuses a check that lacks what its kind needs, names a column the checked rows do not have (when
    /// <paramref name="columns"/> are known), or whose SQL is not exactly one SELECT (read by DuckDB's parser).
    /// </summary>
    public static void Validate(DataCheck check, IReadOnlySet<string>? columns, DuckDBConnection parser)
    {
        var (ok, needs) = check.Kind switch
        {
            DataCheckKind.NotNull => (check.Column is not null, "column"),
            DataCheckKind.Unique => (check.Columns.Count > 0, "columns"),
            DataCheckKind.AcceptedValues => (check.Column is not null && check.Values.Count > 0, "column and values"),
            DataCheckKind.RowCount => ((check.Min ?? 0) >= 0 && (check.Min is not null || check.Max is not null) && (check.Max ?? long.MaxValue) >= (check.Min ?? 0), "min and/or max, min <= max"),
            DataCheckKind.Freshness => (check.Column is not null && check.MaxAge > TimeSpan.Zero, "column and a positive maxAge"),
            DataCheckKind.Sql => (!string.IsNullOrWhiteSpace(check.Sql), "sql"),
            _ => (false, "a known kind"),
        };
        if (!ok)
        {
            throw new PipelineException("checks", $"The check {Name(check)} needs {needs}.");
        }
        foreach (var column in check.Columns.Append(check.Column).OfType<string>())
        {
            if (columns is not null && !columns.Contains(column))
            {
                throw new PipelineException("checks", $"The check {Name(check)} names the column '{column}', which the checked rows do not have.");
            }
        }
        if (check.Kind == DataCheckKind.Sql && !IsOneSelect(parser, check))
        {
            throw new PipelineException("checks", $"The check {Name(check)} must be exactly one SELECT over output.");
        }
    }

    private static bool IsOneSelect(DuckDBConnection parser, DataCheck check)
    {
        try
        {
            if (parser.CountStatements(check.Sql!) != 1)
            {
                return false;
            }
            using var tree = SqlSyntaxTree.ParseSelect(parser, check.Sql!);
            return tree is not null;
        }
        catch (DuckDBException error)
        {
            throw new PipelineException("checks", $"The check {Name(check)}: {error.Message}", error);
        }
    }

    private static string FailingRowsSql(DataCheck check, DateTimeOffset now)
    {
        var column = check.Column is null ? "" : PipelineSqlText.Identifier(check.Column);
        return check.Kind switch
        {
            DataCheckKind.NotNull => $"SELECT * FROM output WHERE {column} IS NULL",
            DataCheckKind.Unique =>
                $"SELECT {string.Join(", ", check.Columns.Select(PipelineSqlText.Identifier))}, count(*) AS occurrences FROM output GROUP BY ALL HAVING count(*) > 1",
            DataCheckKind.AcceptedValues =>
                $"SELECT * FROM output WHERE {column} IS NOT NULL AND CAST({column} AS VARCHAR) NOT IN ({string.Join(", ", check.Values.Select(PipelineSqlText.Literal))})",
            DataCheckKind.RowCount =>
                $"SELECT count(*) AS row_count FROM output HAVING count(*) < {PipelineSqlText.Int(check.Min ?? 0)} OR count(*) > {PipelineSqlText.Int(check.Max ?? long.MaxValue)}",
            DataCheckKind.Freshness =>
                $"SELECT max({column}) AS newest FROM output HAVING max({column}) IS NULL OR CAST(max({column}) AS TIMESTAMPTZ) < " +
                $"TIMESTAMPTZ {PipelineSqlText.Literal(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture))} - to_microseconds({PipelineSqlText.Int((long)check.MaxAge!.Value.TotalMicroseconds)})",
            _ => check.Sql!,
        };
    }
}
