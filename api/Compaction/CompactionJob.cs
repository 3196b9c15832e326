using Quartz;

namespace OpenData.Api;

/// <summary>The Quartz job behind Compaction:Schedule: compacts every dataset that needs it. A run still going when
/// the next is due makes that one wait (or, past Quartz's misfire threshold, skip), never run beside it.</summary>
[DisallowConcurrentExecution]
public sealed class CompactionJob(DatasetCompactor compactor, IHostApplicationLifetime lifetime) : IJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        // The scheduler waits for running jobs when the host stops: a compaction stops at once instead (what it
        // wrote is removed, nothing is committed) and the next run after a restart starts afresh.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await compactor.CompactAllAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
