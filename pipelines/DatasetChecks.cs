using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;
using OpenData.Lake.Query;

namespace OpenData.Pipelines;

/// <summary>
/// The quality checks declared on a dataset (not a pipeline's): run on a version after it is committed, in the owning
/// department's sandbox, and recorded on the version. They report; they do not stop a commit.
/// </summary>
public sealed class DatasetChecks(ICatalogStore catalog, QueryEngine engine, LakeOptions lake, PipelinesOptions options, TimeProvider? time = null)
{
    private readonly LakeLayout _layout = new(lake.DataDirectory);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Refuses checks that lack what their kind needs, name a column outside <paramref name="columns"/>
    /// (when the dataset's columns are known: a contract or a version), or whose SQL is not one SELECT.</summary>
    /// <exception cref="PipelineException">What is wrong, in the field <c>checks</c>.</exception>
    public async Task ValidateAsync(IReadOnlyList<DataCheck> checks, IReadOnlySet<string>? columns, CancellationToken cancellationToken)
    {
        if (checks.Count == 0)
        {
            return;
        }
        await using var parser = await PipelineConnection.OpenAsync(_layout, options, cancellationToken);
        foreach (var check in checks)
        {
            ResultChecks.Validate(check, columns, parser);
        }
    }

    /// <summary>Runs the dataset's checks on the version and records what they find; null when it declares none.
    /// A check that cannot run on this version (a column it no longer has) is recorded as failed, with the reason.</summary>
    public async Task<IReadOnlyList<VersionCheck>?> RunAsync(Dataset dataset, int version, CancellationToken cancellationToken)
    {
        if (dataset.Checks.Count == 0)
        {
            return null;
        }
        using var session = await engine.OpenSessionAsync(PipelineDefinitions.Audience(dataset.Department), cancellationToken);
        var rows = $"{PipelineSqlText.Identifier(dataset.Department)}.{PipelineSqlText.Identifier($"{dataset.Slug}@v{version}")}";
        var results = new List<VersionCheck>();
        foreach (var check in dataset.Checks)
        {
            try
            {
                results.Add(await ResultChecks.EvaluateAsync(session, check, rows, _time.GetUtcNow(), cancellationToken));
            }
            catch (Exception error) when (error is DuckDBException or QueryRefusedException)
            {
                results.Add(new VersionCheck(ResultChecks.Name(check), false, $"The check could not run: {error.Message}", 0, [], []));
            }
        }
        await catalog.RecordVersionChecksAsync(dataset.Department, dataset.Slug, version, results, cancellationToken);
        return results;
    }
}
