using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;
using OpenData.Lake.Query;
using Quartz;

namespace OpenData.Pipelines;

/// <summary>
/// Checks a pipeline definition before the catalog stores it, and finds its inputs with DuckDB's parser: the SQL is one
/// SELECT that binds in the owning department's sandbox (so it reads only what the department may read), the columns
/// it names elsewhere exist in its result, and a public target of personal records declares suppression.
/// </summary>
public sealed class PipelineDefinitions(ICatalogStore catalog, IPipelineStore pipelines, QueryEngine engine, LakeOptions lake, PipelinesOptions options)
{
    private readonly LakeLayout _layout = new(lake.DataDirectory);

    /// <summary>The sandbox a department's pipelines run in: its own datasets, others' public ones; no key's grants.</summary>
    public static QueryAudience Audience(string department) => QueryAudience.Department(department, []);

    /// <summary>The definition with <see cref="Pipeline.Inputs"/> filled in.</summary>
    /// <exception cref="PipelineException">What is wrong, and in which field.</exception>
    /// <exception cref="CatalogException">AlreadyExists: another pipeline writes the target.</exception>
    public async Task<Pipeline> PrepareAsync(Pipeline draft, CancellationToken cancellationToken)
    {
        if (draft.Schedule is { } schedule && !CronExpression.IsValidExpression(schedule))
        {
            throw new PipelineException("schedule", $"'{schedule}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '0 0 6 * * ?').");
        }
        foreach (var other in await pipelines.ListPipelinesAsync(draft.Department, cancellationToken))
        {
            if (other.Name != draft.Name && other.Target.Dataset == draft.Target.Dataset)
            {
                throw new CatalogException(CatalogErrorKind.AlreadyExists,
                    $"Pipeline '{other.Name}' already writes {draft.Department}/{draft.Target.Dataset}: a dataset has one pipeline.");
            }
        }

        await using var connection = await PipelineConnection.OpenAsync(_layout, options, cancellationToken);
        var inputs = Parse("sql", () => PipelineSql.FindInputs(connection, draft.Sql));
        var audience = Audience(draft.Department);
        var personal = new List<string>();
        foreach (var input in inputs)
        {
            var dataset = await catalog.GetDatasetAsync(input.Department, input.Dataset, cancellationToken);
            var tier = dataset is null ? null : audience.TierOf(dataset);
            if (dataset is null || tier is null)
            {
                throw new PipelineException("sql", $"The SQL reads {input}, which does not exist or which department '{draft.Department}' may not read.");
            }
            if (input.Department == draft.Department && input.Dataset == draft.Target.Dataset)
            {
                throw new PipelineException("sql", $"A pipeline cannot read its own target {input}.");
            }
            if (dataset.CurrentVersion is null)
            {
                throw new PipelineException("sql", $"{input} has no version yet: define pipelines over datasets that hold data.");
            }
            if (tier == LakeLayout.InternalTier && dataset.PersonalColumns.Count > 0)
            {
                personal.Add($"{input} ({string.Join(", ", dataset.PersonalColumns)})");
            }
        }
        if (draft.Target.Access == AccessLevel.Public && draft.Suppression is null && personal.Count > 0)
        {
            throw new PipelineException("suppression",
                $"A public target cannot be made from personal records without suppression: the SQL reads {string.Join(", ", personal)}. " +
                "Declare suppression (countColumn, threshold), or publish the target as internal or restricted.");
        }

        var columns = await ResultColumnsAsync(audience, draft.Sql, cancellationToken);
        CheckColumns(draft, columns, connection);
        return draft with { Inputs = inputs.Select(i => i.ToString()).ToList() };
    }

    private async Task<IReadOnlySet<string>> ResultColumnsAsync(QueryAudience audience, string sql, CancellationToken cancellationToken)
    {
        using var session = await engine.OpenSessionAsync(audience, cancellationToken);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var reader = await session.ExecuteReaderAsync(session.Check("DESCRIBE " + sql), cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.GetString(0));
            }
        }
        catch (Exception error) when (error is DuckDBException or QueryRefusedException)
        {
            throw new PipelineException("sql", error.Message, error);
        }
        return columns;
    }

    private static void CheckColumns(Pipeline draft, IReadOnlySet<string> columns, DuckDBConnection connection)
    {
        void Require(string field, string? column, string what)
        {
            if (column is not null && !columns.Contains(column))
            {
                throw new PipelineException(field, $"The {what} '{column}' is not a column of the result ({string.Join(", ", columns)}).");
            }
        }

        Require("watermarkColumn", draft.WatermarkColumn, "watermark column");
        foreach (var column in draft.Target.ColumnDescriptions.Keys)
        {
            Require("target", column, "described column");
        }
        if (draft.Suppression is { } suppression)
        {
            Require("suppression", suppression.CountColumn, "count column");
            foreach (var column in suppression.Measures.Concat(suppression.Dimensions))
            {
                Require("suppression", column, "suppressed measure or dimension");
            }
            if (columns.Contains(suppression.FlagColumn))
            {
                throw new PipelineException("suppression", $"The flag column '{suppression.FlagColumn}' is already a column of the result: name another (flagColumn).");
            }
        }
        var checkedColumns = draft.Suppression is { } s ? columns.Append(s.FlagColumn).ToHashSet(StringComparer.Ordinal) : columns;
        foreach (var check in draft.Checks)
        {
            ResultChecks.Validate(check, checkedColumns, connection);
        }
    }

    /// <summary>DuckDB's refusal of user SQL, as a refusal of the field that holds it.</summary>
    private static T Parse<T>(string field, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (DuckDBException error)
        {
            throw new PipelineException(field, error.Message, error);
        }
    }
}
