using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace OpenData.Api;

/// <summary>
/// One query running in the background for the key that started it, and then its result, kept as a Parquet file
/// until it expires. Its state is written by the job's run and read by requests, under one lock.
/// </summary>
public sealed class SqlQueryJob : IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource _checked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SqlQueryState _state = SqlQueryState.Running;
    private DateTimeOffset? _expiresAt;
    private long? _rows;
    private bool? _truncated;
    private IReadOnlyList<SqlQueryColumn>? _columns;
    private ProblemDetails? _error;
    private Func<double?>? _progress;

    public SqlQueryJob(string ownerKeyId, SqlJob request, string resultPath, DateTimeOffset createdAt)
    {
        OwnerKeyId = ownerKeyId;
        Request = request;
        ResultPath = resultPath;
        CreatedAt = createdAt;
    }

    /// <summary>The job's id: the result file's name, and not guessable (it is also checked against the key).</summary>
    public string Id => Path.GetFileNameWithoutExtension(ResultPath);

    /// <summary>The key that started the job: the only one that sees it.</summary>
    public string OwnerKeyId { get; }

    /// <summary>The SQL and its limits, checked as the SQL endpoint checks them.</summary>
    public SqlJob Request { get; }

    public string ResultPath { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Cancelled by <see cref="Cancel"/>; the run passes it to DuckDB, which then stops (duckdb_interrupt).</summary>
    public CancellationToken Cancelled => _cancel.Token;

    /// <summary>Completes once DuckDB's parser accepted the SQL and it runs; a job refused before never completes it.</summary>
    public Task Checked => _checked.Task;

    /// <summary>The run, from start to its audit entry; set once when the job starts.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public SqlQueryState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>True once it finished and its lifetime is over.</summary>
    public bool HasExpired(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _expiresAt <= now;
        }
    }

    /// <summary>The rows kept and whether the query had more; only for a job that succeeded.</summary>
    public (long Rows, bool Truncated)? Result
    {
        get
        {
            lock (_gate)
            {
                return _state == SqlQueryState.Succeeded ? (_rows!.Value, _truncated!.Value) : null;
            }
        }
    }

    /// <summary>Asks a running job to stop; DuckDB is interrupted at once. False when it had already finished.</summary>
    public bool Cancel()
    {
        lock (_gate)
        {
            if (_state != SqlQueryState.Running)
            {
                return false;
            }
            _cancel.Cancel();
            return true;
        }
    }

    /// <summary>DuckDB runs the query now: <paramref name="progress"/> tells how far it is, until <see cref="Stopped"/>.</summary>
    public void MarkChecked(Func<double?> progress)
    {
        lock (_gate)
        {
            _progress = progress;
        }
        _checked.TrySetResult();
    }

    /// <summary>The query no longer runs on its connection, which may soon run another's: its progress is not asked again.</summary>
    public void Stopped()
    {
        lock (_gate)
        {
            _progress = null;
        }
    }

    public void Succeed(long rows, bool truncated, IReadOnlyList<SqlQueryColumn> columns, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            (_rows, _truncated, _columns) = (rows, truncated, columns);
            Finish(SqlQueryState.Succeeded, expiresAt);
        }
    }

    /// <summary>Ends the job without a result: failed, or cancelled by its caller; <paramref name="error"/> says why.</summary>
    public void End(SqlQueryState state, ProblemDetails error, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            _error = error;
            Finish(state, expiresAt);
        }
    }

    public SqlQueryStatus Status()
    {
        lock (_gate)
        {
            return new SqlQueryStatus(
                Id,
                _state,
                Request.Sql,
                _state == SqlQueryState.Succeeded ? 1 : _progress?.Invoke(),
                _clock.ElapsedMilliseconds,
                CreatedAt,
                _expiresAt,
                Request.MaxRows,
                _rows,
                _truncated,
                _columns,
                _error);
        }
    }

    /// <summary>Deletes the result file; the job must have finished.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _cancel.Dispose();
        }
        File.Delete(ResultPath);
    }

    private void Finish(SqlQueryState state, DateTimeOffset expiresAt)
    {
        _clock.Stop();
        _state = state;
        _expiresAt = expiresAt;
    }
}
