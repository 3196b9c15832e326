using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api;

/// <summary>
/// The query jobs of every key, in memory: started here, found only by the key that started them, discarded with
/// their result file when asked or when their lifetime is over. On shutdown every running job is cancelled.
/// </summary>
public sealed class SqlQueryJobs(SqlQueryJobRunner runner, SqlQueryResults results, SqlQueriesOptions options, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, SqlQueryJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    // Starting is checked and counted per key under one lock, so that two requests cannot both pass the limits.
    private readonly Lock _starting = new();

    /// <summary>
    /// Starts the job and returns it once its SQL passed the statement check and runs on; SQL that is refused or does
    /// not parse is the problem the SQL endpoint would answer (400), and no job is kept. 429 when the key already
    /// runs as many jobs as it may.
    /// </summary>
    public async Task<(SqlQueryJob? Job, ProblemHttpResult? Problem)> StartAsync(Caller caller, SqlJob request)
    {
        if (TryStart(caller, request, out var job) is { } refused)
        {
            return (null, refused);
        }
        await Task.WhenAny(job.Checked, job.Completion);
        if (!job.Checked.IsCompleted && job.Status().Error is { } error)
        {
            Discard(job);
            return (null, TypedResults.Problem(error));
        }
        return (job, null);
    }

    private ProblemHttpResult? TryStart(Caller caller, SqlJob request, out SqlQueryJob job)
    {
        var owner = caller.KeyId ?? throw new ArgumentException("Query jobs belong to a key; anonymous callers have none.", nameof(caller));
        job = new SqlQueryJob(owner, request, results.PathOf(Guid.NewGuid().ToString("N")), clock.GetUtcNow());
        lock (_starting)
        {
            var own = _jobs.Values.Where(kept => kept.OwnerKeyId == owner).OrderBy(kept => kept.CreatedAt).ToList();
            if (own.Count(kept => kept.State == SqlQueryState.Running) >= options.MaxRunningPerKey)
            {
                return Problems.TooManyRequests(
                    $"This key already runs {options.MaxRunningPerKey} queries (SqlQueries:MaxRunningPerKey); wait for one to finish or cancel it.");
            }
            foreach (var oldest in own.Where(kept => kept.State != SqlQueryState.Running).Take(own.Count + 1 - options.MaxKeptPerKey))
            {
                Discard(oldest);
            }
            _jobs[job.Id] = job;
        }
        var started = job;
        job.Completion = Task.Run(() => runner.RunAsync(started, caller, _stopping.Token));
        return null;
    }

    /// <summary>The caller's job, or null when there is none by that id for this key (another key's job included) or it expired.</summary>
    public SqlQueryJob? Find(Caller caller, string id)
    {
        if (caller.KeyId is null || !_jobs.TryGetValue(id, out var job) || job.OwnerKeyId != caller.KeyId)
        {
            return null;
        }
        if (job.HasExpired(clock.GetUtcNow()))
        {
            Discard(job);
            return null;
        }
        return job;
    }

    /// <summary>Forgets a finished job and deletes its result.</summary>
    public void Discard(SqlQueryJob job)
    {
        if (_jobs.TryRemove(new KeyValuePair<string, SqlQueryJob>(job.Id, job)))
        {
            job.Dispose();
        }
    }

    /// <summary>Discards every job whose lifetime is over, read or not.</summary>
    public void DiscardExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var job in _jobs.Values.Where(job => job.HasExpired(now)))
        {
            Discard(job);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        Task.WaitAll(_jobs.Values.Select(job => job.Completion).ToArray(), TimeSpan.FromSeconds(10));
        // A run that outlasted the wait still holds its job; its file goes with the folder on the next start.
        foreach (var job in _jobs.Values.Where(job => job.State != SqlQueryState.Running))
        {
            Discard(job);
        }
        _stopping.Dispose();
    }
}
