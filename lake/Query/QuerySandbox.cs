using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// One DuckDB in-memory instance for one audience, locked before any user SQL: it may read only the dataset folders
/// it was built for and its own scratch folder, load no extension, and change no setting. allowed_directories cannot
/// change once locked, so a new set of folders means a new sandbox; the old one is retired and closes when its last
/// session does (queries already running finish on it).
/// </summary>
internal sealed class QuerySandbox
{
    private readonly object _gate = new();
    private readonly string _connectionString;
    private readonly DuckDBConnection _control;
    private int _sessions;
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
            await LakeSql.ExecuteAsync(sandbox._control, sandbox.LockSql(options), cancellationToken);
            return sandbox;
        }
        catch
        {
            sandbox.Close();
            throw;
        }
    }

    /// <summary>
    /// Opens a connection for user SQL, or returns null when the sandbox was retired meanwhile. Each connection is
    /// checked to be locked: were the instance ever gone, this name would open a fresh, unconfigured one.
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
            connection.Dispose();
            SessionClosed();
            throw;
        }
    }

    public void SessionClosed()
    {
        lock (_gate)
        {
            _sessions--;
            if (!_retired || _sessions > 0)
            {
                return;
            }
        }
        Close();
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
    // files never change once written, so caching their Parquet footers is safe: views re-bind on every query.
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
            SET parquet_metadata_cache = true;
            SET lock_configuration = true;
            """;
    }

    private void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
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
