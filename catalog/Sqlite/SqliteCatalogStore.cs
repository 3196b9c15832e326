using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

/// <summary>
/// The catalog in one SQLite file, <c>catalog.db</c>, in a given folder: WAL mode, foreign keys on, full sync.
/// Safe to share between threads: every call opens its own pooled connection, writes queue on one gate in
/// this process, and <c>BEGIN IMMEDIATE</c> plus a busy timeout order them against other processes.
/// </summary>
public sealed partial class SqliteCatalogStore : ICatalogStore, IDisposable
{
    public const string FileName = "catalog.db";

    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    // One writer at a time here, so threads queue instead of spinning on SQLITE_BUSY.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private long _changes;
    private volatile AllDatasets? _allDatasets;

    private SqliteCatalogStore(string databasePath, TimeProvider time)
    {
        DatabasePath = databasePath;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>The full path of <c>catalog.db</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens (creating if needed) the catalog in <paramref name="folder"/> and brings its schema up to date.</summary>
    /// <param name="time">The clock for version and dataset times; the system clock when null.</param>
    public static async Task<SqliteCatalogStore> OpenAsync(
        string folder, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var store = new SqliteCatalogStore(Path.Combine(Path.GetFullPath(folder), FileName), time ?? TimeProvider.System);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await SqliteMigrations.ApplyAsync(connection, store._time.GetUtcNow(), cancellationToken);
        return store;
    }

    /// <summary>Closes the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection: wait for another process's write instead of failing at once; and FULL sync so
            // that a commit that returned survives a power cut (the upload was already answered 201).
            await connection.ExecuteAsync(
                null,
                $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL;",
                cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="read"/> in a read transaction, so several statements see one snapshot.</summary>
    private async Task<T> ReadAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await read(connection, transaction);
    }

    /// <summary>Runs <paramref name="write"/> in one write transaction; an exception rolls everything back.</summary>
    private async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            Interlocked.Increment(ref _changes);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public long Changes => Interlocked.Read(ref _changes);

    private static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteExtendedErrorCode == 2067; // SQLITE_CONSTRAINT_UNIQUE
}
