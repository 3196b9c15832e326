using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;
using OpenData.Lake.Query;

namespace OpenData.Pipelines;

/// <summary>
/// Runs pipelines: one run per pipeline at a time, each reading the inputs' snapshots pinned when it started, in the
/// owning department's sandbox; the result is suppressed, checked and committed through the lake's commit protocol, so
/// a run that fails or is killed leaves the target's previous version. A failed run is tried again with backoff
/// (<see cref="PipelinesOptions.MaxRetries"/>) on the same pinned inputs; one that outlives
/// <see cref="PipelinesOptions.RunTimeout"/> is interrupted and not retried. Safe to share between threads.
/// </summary>
public sealed class PipelineRunner(
    ICatalogStore catalog,
    IPipelineStore pipelines,
    QueryEngine engine,
    LakeWriter writer,
    PipelinesOptions options,
    ILogger<PipelineRunner> logger,
    TimeProvider? time = null) : IAsyncDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    // A timer's longest delay is 2^32 - 2 ms (about 49 days).
    private readonly TimeSpan _runTimeout = options.RunTimeout > TimeSpan.Zero && options.RunTimeout.TotalMilliseconds < uint.MaxValue
        ? options.RunTimeout
        : throw new ArgumentOutOfRangeException(nameof(options), "Pipelines:RunTimeout must be positive and at most 49 days.");
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    // The engine's DuckDB instance for every run, kept open by this connection (each run joins it with its own).
    private readonly DuckDBConnection _engine = PipelineConnection.OpenShared(writer.Layout, options);

    /// <summary>
    /// Records a run and carries it out in the background; returns the run as recorded, or null when the pipeline is
    /// running already. A run whose inputs cannot be pinned (an input without a version) is recorded as failed.
    /// </summary>
    /// <exception cref="CatalogException">NotFound: no such pipeline.</exception>
    public async Task<PipelineRun?> StartAsync(string name, PipelineTrigger trigger, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            return null;
        }
        try
        {
            var pipeline = await pipelines.GetPipelineAsync(name, cancellationToken)
                ?? throw new CatalogException(CatalogErrorKind.NotFound, $"Pipeline '{name}' does not exist.");
            var run = new PipelineRun { Pipeline = name, Trigger = trigger, StartedAt = _time.GetUtcNow() };
            IReadOnlyList<InputVersion> pinned;
            try
            {
                pinned = await PinAsync(pipeline, cancellationToken);
            }
            catch (PipelineException error)
            {
                var started = await pipelines.StartRunAsync(run, cancellationToken);
                gate.Release();
                return await pipelines.FinishRunAsync(Failed(started, error), cancellationToken);
            }
            var first = await pipelines.StartRunAsync(run with { Inputs = pinned }, cancellationToken);
            var task = Task.Run(() => CompleteAsync(pipeline, first, gate), CancellationToken.None);
            _running[task] = true;
            _ = task.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
            return first;
        }
        catch
        {
            if (gate.CurrentCount == 0)
            {
                gate.Release();
            }
            throw;
        }
    }

    /// <summary>Stops the runs under way (each is recorded as failed; their commits never happen) and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await Task.WhenAll(_running.Keys);
        await _engine.DisposeAsync();
    }

    private async Task CompleteAsync(Pipeline pipeline, PipelineRun run, SemaphoreSlim gate)
    {
        var stopping = _stopping.Token;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // The time limit covers everything up to the catalog transaction, which either commits or, cancelled
                // before it does, rolls back: a run stopped by it never leaves a version behind.
                using var limit = new QueryTimeLimit(_runTimeout);
                using var attemptStopping = CancellationTokenSource.CreateLinkedTokenSource(stopping, limit.Token);
                try
                {
                    var timings = new RunTimings(run.StartedAt, _time);
                    var outcome = await ExecuteAsync(pipeline, run.Inputs, timings, attemptStopping.Token);
                    await pipelines.FinishRunAsync(run with
                    {
                        Status = outcome.FailedCheck is null ? PipelineRunStatus.Succeeded : PipelineRunStatus.Failed,
                        EndedAt = _time.GetUtcNow(),
                        Rows = outcome.FailedCheck is null ? outcome.Rows : null,
                        OutputVersion = outcome.OutputVersion,
                        FailedCheck = outcome.FailedCheck,
                        Error = outcome.FailedCheck?.Message,
                    }, CancellationToken.None);
                    logger.LogInformation("Pipeline {Pipeline} run {Run}: {Outcome}; {Timings}.", pipeline.Name, run.Id,
                        outcome.FailedCheck is { } failed ? $"check {failed.Check} failed" : $"{outcome.Rows} rows, version {outcome.OutputVersion?.ToString() ?? "none (nothing new)"}",
                        timings);
                    return;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    await pipelines.FinishRunAsync(Failed(run, new OperationCanceledException("The platform stopped during the run; nothing was committed.")), CancellationToken.None);
                    return;
                }
                catch (Exception error) when (limit.IsExceeded)
                {
                    // Interrupted by the time limit (DuckDB's interrupt surfaces as a cancellation or as its own error).
                    // Not retried: the same pinned inputs would most likely take as long again.
                    var timedOut = new TimeoutException(
                        $"The run ran longer than Pipelines:RunTimeout ({_runTimeout:c}) and was stopped; nothing was committed.", error);
                    await pipelines.FinishRunAsync(Failed(run, timedOut), CancellationToken.None);
                    logger.LogWarning("Pipeline {Pipeline} run {Run}: {Error}", pipeline.Name, run.Id, timedOut.Message);
                    return;
                }
                catch (Exception error)
                {
                    await pipelines.FinishRunAsync(Failed(run, error), CancellationToken.None);
                    // Refused SQL fails the same way every time; anything else (I/O, memory, a commit race) may pass later.
                    var retry = error is not (PipelineException or QueryRefusedException) && attempt <= options.MaxRetries;
                    logger.LogWarning(error, "Pipeline {Pipeline} run {Run} failed{Retry}.", pipeline.Name, run.Id,
                        retry ? $"; attempt {attempt + 1} in {Backoff(attempt)}" : "");
                    if (!retry)
                    {
                        return;
                    }
                    await Task.Delay(Backoff(attempt), _time, stopping);
                    if (await pipelines.GetPipelineAsync(pipeline.Name, stopping) is not { } current)
                    {
                        return;
                    }
                    pipeline = current;
                    run = await pipelines.StartRunAsync(
                        new PipelineRun { Pipeline = pipeline.Name, Trigger = run.Trigger, Attempt = attempt + 1, StartedAt = _time.GetUtcNow(), Inputs = run.Inputs },
                        CancellationToken.None);
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException || stopping.IsCancellationRequested)
        {
            // Stopped while waiting to retry: the failed run is recorded already.
        }
        catch (Exception error)
        {
            logger.LogError(error, "Pipeline {Pipeline}: the run could not be recorded.", pipeline.Name);
        }
        finally
        {
            gate.Release();
        }
    }

    private TimeSpan Backoff(int attempt) => options.RetryDelay * Math.Pow(2, attempt - 1);

    private PipelineRun Failed(PipelineRun run, Exception error) =>
        run with { Status = PipelineRunStatus.Failed, EndedAt = _time.GetUtcNow(), Error = error.Message };

    /// <summary>The current version of every input, as the run will read it.</summary>
    private async Task<IReadOnlyList<InputVersion>> PinAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        var audience = PipelineDefinitions.Audience(pipeline.Department);
        var pinned = new List<InputVersion>();
        foreach (var input in pipeline.Inputs.Select(DatasetName.Parse))
        {
            var dataset = await catalog.GetDatasetAsync(input.Department, input.Dataset, cancellationToken);
            if (dataset is null || audience.TierOf(dataset) is null)
            {
                throw new PipelineException("sql", $"The input {input} no longer exists, or department '{pipeline.Department}' may no longer read it.");
            }
            pinned.Add(new InputVersion(input.Department, input.Dataset,
                dataset.CurrentVersion ?? throw new PipelineException("sql", $"The input {input} has no version to read.")));
        }
        return pinned;
    }

    private async Task<RunOutcome> ExecuteAsync(
        Pipeline pipeline, IReadOnlyList<InputVersion> inputs, RunTimings timings, CancellationToken cancellationToken)
    {
        timings.Done("start");
        await using var connection = await PipelineConnection.OpenAsync(_engine.ConnectionString, cancellationToken);
        var sql = PipelineSql.Pin(connection, pipeline.Sql, inputs.ToDictionary(i => new DatasetName(i.Department, i.Dataset), i => i.Version));
        var target = await catalog.GetDatasetAsync(pipeline.Department, pipeline.Target.Dataset, cancellationToken);
        if (pipeline.Mode == PipelineWriteMode.Incremental && target?.CurrentVersion is { } current)
        {
            sql = IncrementalSql(sql, pipeline, current);
        }
        if (pipeline.Suppression is { } primary)
        {
            // Applied by DuckDB as it writes the result, rather than by reading and writing the result again.
            sql = ResultSuppression.Primary(sql, primary, primary.Threshold ?? options.DefaultSuppressionThreshold);
        }

        timings.Done("pin");
        using var session = await engine.OpenSessionAsync(PipelineDefinitions.Audience(pipeline.Department), cancellationToken);
        timings.Done("session");
        using var result = await session.ExportParquetAsync(session.Check(sql), maxRows: null, cancellationToken);
        timings.Done("compute");
        var published = result.Path;
        try
        {
            if (pipeline.Suppression is { } suppression)
            {
                var completed = await ResultSuppression.CompleteAsync(connection, suppression, result.Path, cancellationToken);
                published = completed.Rewritten ?? published;
                logger.LogInformation("Pipeline {Pipeline}: {Hidden} of {Rows} rows suppressed.", pipeline.Name, completed.Hidden, result.Rows);
                timings.Done("suppress");
            }
            var failure = await ResultChecks.FirstFailureAsync(session, pipeline.Checks, PipelineSqlText.ReadParquet(published), _time.GetUtcNow(), cancellationToken);
            timings.Done("checks");
            if (failure is not null)
            {
                return new RunOutcome(result.Rows, null, failure);
            }
            if (result.Rows == 0 && pipeline.Mode != PipelineWriteMode.Replace && target?.CurrentVersion is not null)
            {
                return new RunOutcome(0, null, null);
            }

            await PipelineTargets.EnsureAsync(catalog, connection, pipeline, target, published, cancellationToken);
            timings.Done("target");
            var version = await writer.CommitAsync(connection, new LakeCommitRequest
            {
                Department = pipeline.Department,
                Dataset = pipeline.Target.Dataset,
                SourceSql = $"SELECT * FROM {PipelineSqlText.ReadParquet(published)}",
                Mode = pipeline.Mode == PipelineWriteMode.Replace ? CommitMode.Replace : CommitMode.Append,
                CreatedBy = $"pipeline {pipeline.Name}",
                Derivation = new VersionDerivation(pipeline.Name, inputs),
            }, cancellationToken);
            timings.Done("commit");
            return new RunOutcome(result.Rows, version.Number, null);
        }
        finally
        {
            if (published != result.Path)
            {
                File.Delete(published);
            }
        }
    }

    /// <summary>Only result rows past the largest watermark of the target's current version; all when it has none.</summary>
    private static string IncrementalSql(string sql, Pipeline pipeline, int targetVersion)
    {
        var watermark = PipelineSqlText.Identifier(pipeline.WatermarkColumn!);
        var previous = $"(SELECT max({watermark}) FROM {PipelineSqlText.Identifier(pipeline.Department)}." +
            $"{PipelineSqlText.Identifier($"{pipeline.Target.Dataset}@v{targetVersion}")})";
        return $"SELECT * FROM ({sql}) AS pipeline_result WHERE pipeline_result.{watermark} > {previous} OR {previous} IS NULL";
    }
}
