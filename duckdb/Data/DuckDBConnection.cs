using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using OpenData.DuckDB.Native;

namespace OpenData.DuckDB;

/// <summary>
/// A connection to a DuckDB database in memory or in a file. Connections to the same path share one database
/// instance in the process; settings come from the connection string (see <see cref="DuckDBConnectionStringBuilder"/>).
/// </summary>
public sealed partial class DuckDBConnection : DbConnection
{
    /// <summary>The data source of a private in-memory database.</summary>
    public const string InMemory = ":memory:";

    private readonly HashSet<DuckDBDataReader> _openReaders = [];
    private string _connectionString = "";
    private string _dataSource = InMemory;
    private ConnectionState _state = ConnectionState.Closed;
    private DatabaseHandle? _database;
    private ConnectionHandle? _native;

    /// <summary>A closed connection; set <see cref="ConnectionString"/> before opening it.</summary>
    public DuckDBConnection()
    {
    }

    /// <summary>A closed connection with the given connection string.</summary>
    public DuckDBConnection(string connectionString)
    {
        ConnectionString = connectionString;
    }

    /// <summary>The version of the loaded DuckDB library, e.g. "v1.5.6".</summary>
    public static string LibraryVersion => NativeMethods.Database.LibraryVersion();

    /// <inheritdoc />
    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_state != ConnectionState.Closed)
            {
                throw new InvalidOperationException("The connection string cannot change while the connection is open.");
            }

            _connectionString = value ?? "";
            _dataSource = new DuckDBConnectionStringBuilder(_connectionString).DataSource;
        }
    }

    /// <inheritdoc />
    public override string Database => "main";

    /// <inheritdoc />
    public override string DataSource => _dataSource;

    /// <inheritdoc />
    public override string ServerVersion => LibraryVersion;

    /// <inheritdoc />
    public override ConnectionState State => _state;

    /// <inheritdoc />
    protected override DbProviderFactory DbProviderFactory => DuckDBFactory.Instance;

    internal ConnectionHandle NativeHandle =>
        _native ?? throw new InvalidOperationException(string.Format(DuckDBStrings.CallRequiresOpenConnection, "This operation"));

    /// <inheritdoc />
    public override void Open()
    {
        if (_state == ConnectionState.Open)
        {
            return;
        }

        var builder = new DuckDBConnectionStringBuilder(_connectionString);
        var database = DuckDBDatabases.Open(builder.DataSource, builder.Settings);
        if (NativeMethods.Connection.Connect(database, out var native) != DuckDBState.Success)
        {
            native.Dispose();
            database.Dispose();
            throw new DuckDBException($"Could not connect to '{builder.DataSource}'.", DuckDBErrorType.Connection);
        }

        (_database, _native) = (database, native);
        SetState(ConnectionState.Open);
        EnableProgressTracking(builder);
    }

    /// <inheritdoc />
    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Open();
        return Task.CompletedTask;
    }

    /// <summary>Closes the connection and every data reader still open on it.</summary>
    public override void Close()
    {
        if (_state == ConnectionState.Closed)
        {
            return;
        }

        foreach (var reader in _openReaders.ToArray())
        {
            reader.Close();
        }

        _native?.Dispose();
        _database?.Dispose();
        (_native, _database) = (null, null);
        SetState(ConnectionState.Closed);
    }

    /// <summary>Switches the default database or schema, as DuckDB's USE statement does.</summary>
    public override void ChangeDatabase(string databaseName)
    {
        using var command = CreateCommand();
        command.CommandText = $"USE \"{databaseName.Replace("\"", "\"\"")}\"";
        command.ExecuteNonQuery();
    }

    /// <summary>Creates a command on this connection.</summary>
    public new DuckDBCommand CreateCommand() => new() { Connection = this };

    /// <summary>Starts a transaction; DuckDB runs transactions under snapshot isolation whatever level is asked.</summary>
    public new DuckDBTransaction BeginTransaction() => (DuckDBTransaction)BeginDbTransaction(IsolationLevel.Snapshot);

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new DuckDBTransaction(this, isolationLevel);

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <summary>Stops the query running on this connection (duckdb_interrupt); it fails with OperationCanceledException.</summary>
    public void Interrupt() => NativeMethods.Connection.Interrupt(NativeHandle);

    /// <summary>The progress of the query running on this connection; safe to call from another thread.</summary>
    public DuckDBQueryProgress GetQueryProgress()
    {
        var progress = NativeMethods.Connection.QueryProgress(NativeHandle);
        return new DuckDBQueryProgress(progress.Percentage, progress.RowsProcessed, progress.TotalRowsToProcess);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    internal void ReaderOpened(DuckDBDataReader reader) => _openReaders.Add(reader);

    internal void ReaderClosed(DuckDBDataReader reader) => _openReaders.Remove(reader);

    // duckdb_query_progress reports only while the progress bar is on; printing it would write to the host's
    // console. Both are session settings, so they are set per connection unless the connection string sets them.
    // An instance whose configuration is locked (lock_configuration, as sandboxes do) refuses every SET: its
    // connections keep the settings it was locked with.
    private void EnableProgressTracking(DuckDBConnectionStringBuilder builder)
    {
        var statements = new[] { ("enable_progress_bar", "true"), ("enable_progress_bar_print", "false") }
            .Where(setting => !builder.ContainsKey(setting.Item1))
            .Select(setting => $"SET {setting.Item1} = {setting.Item2};");
        var sql = string.Concat(statements);
        if (sql.Length > 0 && !IsConfigurationLocked())
        {
            using var command = new DuckDBCommand(sql, this);
            command.ExecuteNonQuery();
        }
    }

    private bool IsConfigurationLocked()
    {
        using var command = new DuckDBCommand("SELECT current_setting('lock_configuration')", this);
        return command.ExecuteScalar() is true;
    }

    private void SetState(ConnectionState state)
    {
        var previous = _state;
        _state = state;
        OnStateChange(new StateChangeEventArgs(previous, state));
    }
}
