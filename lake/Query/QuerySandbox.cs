using System.Collections.Concurrent;
using System.Diagnostics;
using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// One DuckDB in-memory instance for one audience, locked before any user SQL: it may read only the dataset folders
/// it was built for and its own scratch folder, load no extension, and change no setting. allowed_directories cannot
/// change once locked, so a new set of folders means a new sandbox; the old one is retired and closes when its last
/// session does (queries already running finish on it). Connections for user SQL are kept open between sessions:
/// opening one and checking its lock costs more than a small query. The first <see cref="MaxIdleConnections"/> are
/// opened before the lock, because only they can report a query's progress (enable_progress_bar is a setting of the
/// connection, and the lock refuses every SET); a sandbox that has lost them all (each query interrupted closes its
/// connection) says so with <see cref="ReportsProgress"/>, and the engine replaces it.
/// </summary>
internal sealed class QuerySandbox
{
    /// <summary>Idle connections kept for the next sessions; more run at once when needed, and close after.</summary>
    private const int MaxIdleConnections = 16;

    /// <summary>Checked statements kept by SQL text; past this many the cache starts afresh.</summary>
    private const int MaxCheckedQueries = 1024;

    private readonly object _gate = new();
    private readonly string _connectionString;
    private readonly DuckDBConnection _control;
    private readonly Stack<DuckDBConnection> _idle = new();
    private readonly ConcurrentDictionary<string, CheckedQuery> _checked = new(StringComparer.Ordinal);
    private readonly HashSet<DuckDBConnection> _reportingProgress = [];
    private int _sessions;
    private long _lastActive = Stopwatch.GetTimestamp();
    private bool _retired;
    private bool _closed;

    private QuerySandbox(string folder, IReadOnlySet<string> datasetFolders)
    {
        Folder = folder;
        DatasetFolders = datasetFolders;
        // A named in-memory database: every connection opened with this string joins the same instance.
        _connectionString = new DuckDBConnectionStringBuilder { DataSource = ":memory:opendata-sandbox-" + Path.GetFileName(folder) }.ConnectionString;
        _control = new DuckDBConnection(_connectionString);
    }

    /// <summary>The dataset folders the sandbox may read, each with a trailing separator.</summary>
    public IReadOnlySet<string> DatasetFolders { get; }

    /// <summary>The sandbox's own folder: DuckDB's temp files, and Parquet exports on their way to the client.</summary>
    public string Folder { get; }

    public string ExportFolder => Path.Combine(Folder, "export");

    /// <summary>The engine's own connection, for the views; user SQL never runs on it.</summary>
    public DuckDBConnection Control => _control;

    /// <summary>The views defined so far, by dataset.</summary>
    public Dictionary<string, DatasetViews> Views { get; } = new(StringComparer.Ordinal);

    public static async Task<QuerySandbox> CreateAsync(
        string sandboxesFolder, IReadOnlySet<string> datasetFolders, QueryEngineOptions options, CancellationToken cancellationToken)
    {
        var sandbox = new QuerySandbox(Path.Combine(sandboxesFolder, Guid.NewGuid().ToString("N")), datasetFolders);
        try
        {
            Directory.CreateDirectory(sandbox.ExportFolder);
            await sandbox._control.OpenAsync(cancellationToken);
            for (var i = 0; i < MaxIdleConnections; i++)
            {
                var connection = new DuckDBConnection(sandbox._connectionString);
                sandbox._idle.Push(connection);
                await connection.OpenAsync(cancellationToken);
                sandbox._reportingProgress.Add(connection);
            }
            await LakeSql.ExecuteAsync(sandbox._control, sandbox.LockSql(options), cancellationToken);
            return sandbox;
        }
        catch
        {
            sandbox.Close();
            throw;
        }
    }

    /// <summary>False once every connection that reports progress is closed: a new sandbox would have them again.</summary>
    public bool ReportsProgress
    {
        get
        {
            lock (_gate)
            {
                return _reportingProgress.Count > 0;
            }
        }
    }

    /// <summary>
    /// The check of <paramref name="sql"/> made earlier in this sandbox, or <paramref name="check"/>'s, kept for next
    /// time. Only the parser decides it, so the same text always gets the same verdict; refusals are not kept.
    /// </summary>
    public CheckedQuery Checked(string sql, Func<string, CheckedQuery> check)
    {
        if (_checked.TryGetValue(sql, out var known))
        {
            return known;
        }
        var query = check(sql);
        if (_checked.Count >= MaxCheckedQueries)
        {
            _checked.Clear();
        }
        _checked[sql] = query;
        return query;
    }

    /// <summary>
    /// A connection for user SQL, idle or new, or null when the sandbox was retired meanwhile. A new connection is
    /// checked to be locked: were the instance ever gone, this name would open a fresh, unconfigured one (an idle
    /// connection keeps its instance alive).
    /// </summary>
    public DuckDBConnection? OpenSession()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return null;
            }
            _sessions++;
            _lastActive = Stopwatch.GetTimestamp();
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }
        }
        var connection = new DuckDBConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT current_setting('lock_configuration') AND NOT current_setting('enable_external_access')";
            if (command.ExecuteScalar() is not true)
            {
                throw new InvalidOperationException("A query sandbox opened without its locked configuration; no query runs in it.");
            }
            return connection;
        }
        catch
        {
            SessionClosed(connection, reusable: false);
            throw;
        }
    }

    /// <summary>Ends a session: its connection is kept for the next one, or closed.</summary>
    /// <param name="reusable">
    /// True when nothing the session ran can still act on the connection. User SQL is one SELECT, which leaves no
    /// state on a connection (setseed, the one function that would, is refused).
    /// </param>
    public void SessionClosed(DuckDBConnection connection, bool reusable)
    {
        bool close;
        lock (_gate)
        {
            _sessions--;
            _lastActive = Stopwatch.GetTimestamp();
            if (reusable && !_retired && _idle.Count < MaxIdleConnections)
            {
                _idle.Push(connection);
                return;
            }
            close = _retired && _sessions == 0;
            _reportingProgress.Remove(connection);
        }
        connection.Dispose();
        if (close)
        {
            Close();
        }
    }

    /// <summary>Whether no session has run for <paramref name="time"/>.</summary>
    public bool IsIdleFor(TimeSpan time)
    {
        lock (_gate)
        {
            return _sessions == 0 && Stopwatch.GetElapsedTime(_lastActive) >= time;
        }
    }

    /// <summary>No new sessions; closes now, or when the last running session closes.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _retired = true;
            if (_sessions > 0)
            {
                return;
            }
        }
        Close();
    }

    // Order matters: allowed_directories and temp_directory can only be set while external access is on, and
    // nothing can be set after lock_configuration. DuckDB adds temp_directory to the allowed folders itself. Lake
    // files never change once written, so caching their Parquet footers is safe: views re-bind on every query. That
    // cache is a setting of the connection unless set GLOBAL, and user SQL runs on other connections than this one.
    private string LockSql(QueryEngineOptions options)
    {
        var allowed = DatasetFolders.Append(Folder + Path.DirectorySeparatorChar).Select(LakeSql.Literal);
        return $"""
            SET temp_directory = {LakeSql.Literal(Path.Combine(Folder, "temp"))};
            SET max_temp_directory_size = {LakeSql.Literal(options.MaxTempDirectorySize)};
            SET allowed_directories = [{string.Join(", ", allowed)}];
            SET enable_external_access = false;
            SET autoinstall_known_extensions = false;
            SET autoload_known_extensions = false;
            SET allow_community_extensions = false;
            SET memory_limit = {LakeSql.Literal(options.MemoryLimit)};
            SET threads = {LakeSql.Int(options.Threads)};
            SET GLOBAL parquet_metadata_cache = true;
            SET lock_configuration = true;
            """;
    }

    private void Close()
    {
        List<DuckDBConnection> idle;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var connection in idle)
        {
            connection.Dispose();
        }
        _control.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Left for the engine to clear on its next start.
        }
    }
}
