using OpenData.Catalog;
using OpenData.Lake;

namespace OpenData.Api;

/// <summary>
/// Runs compactions for the schedule and for requests, one dataset at a time per host: a compaction sorts and
/// rewrites a whole version, and a second one at once would only compete with it (and with uploads) for the cores.
/// </summary>
public sealed class DatasetCompactor(
    LakeCompaction compaction, ICatalogStore catalog, CompactionOptions options, ILogger<DatasetCompactor> logger) : IDisposable
{
    /// <summary>The author of scheduled compactions' versions.</summary>
    public const string ScheduledBy = "compaction";

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <param name="minFiles">The fewest files worth a rewrite: <see cref="CompactionOptions.MinFiles"/> on a schedule;
    /// a request asks for any rewrite that leaves fewer files.</param>
    public async Task<CompactionResult> CompactAsync(
        string department, string dataset, string createdBy, int minFiles, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await ImportConnection.OpenAsync(
                options.MemoryLimit, Path.Combine(compaction.Layout.StagingFolder, "duckdb"), cancellationToken);
            var result = await compaction.CompactAsync(connection, new CompactionRequest
            {
                Department = department,
                Dataset = dataset,
                CreatedBy = createdBy,
                MinFiles = minFiles,
                TargetFileRows = options.TargetFileRows,
            }, cancellationToken);
            if (result.Outcome != CompactionOutcome.NotNeeded)
            {
                logger.LogInformation("Compaction of {Department}/{Dataset}: {Outcome}. {Detail}", department, dataset, result.Outcome, result.Detail);
            }
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>The scheduled run: every dataset with at least Compaction:MinFiles files. One failing does not stop the others.</summary>
    public async Task CompactAllAsync(CancellationToken cancellationToken)
    {
        foreach (var dataset in await catalog.ListDatasetsAsync(cancellationToken: cancellationToken))
        {
            if (dataset.CurrentVersion is null)
            {
                continue;
            }
            try
            {
                await CompactAsync(dataset.Department, dataset.Slug, ScheduledBy, options.MinFiles, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Compaction of {Department}/{Dataset} failed; the next run tries again.", dataset.Department, dataset.Slug);
            }
        }
    }

    public void Dispose() => _one.Dispose();
}
