using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using OpenData.DuckDB.Native;
using OpenData.DuckDB.Writing;

namespace OpenData.DuckDB;

/// <summary>
/// One or more SQL statements with parameters. The reader streams results chunk by chunk while DuckDB produces them.
/// <see cref="CommandTimeout"/> (seconds, 0 = no limit, the default) and <see cref="Cancel"/> stop a running query
/// with duckdb_interrupt: a timeout raises <see cref="TimeoutException"/>, a cancel <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class DuckDBCommand : DbCommand
{
    private const int NotInterrupted = 0;
    private const int Cancelled = 1;
    private const int TimedOut = 2;

    private string _commandText = "";
    private DuckDBConnection? _connection;
    private DuckDBStatementBatch? _prepared;
    private DuckDBDataReader? _activeReader;
    private Timer? _timeoutTimer;
    private int _interruptReason;
    private volatile bool _executing;

    /// <summary>A command without text or connection.</summary>
    public DuckDBCommand()
    {
    }

    /// <summary>A command with text on a connection.</summary>
    public DuckDBCommand(string commandText, DuckDBConnection? connection = null)
    {
        CommandText = commandText;
        Connection = connection;
    }

    /// <inheritdoc />
    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set
        {
            ThrowIfReaderOpen();
            _commandText = value ?? "";
            DropPrepared();
        }
    }

    /// <summary>Seconds before a running command is interrupted; 0 (the default) means no limit.</summary>
    public override int CommandTimeout { get; set; }

    /// <inheritdoc />
    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("DuckDB commands are SQL text.");
            }
        }
    }

    /// <inheritdoc />
    public override bool DesignTimeVisible { get; set; }

    /// <inheritdoc />
    public override UpdateRowSource UpdatedRowSource { get; set; }

    /// <summary>The connection the command runs on.</summary>
    public new DuckDBConnection? Connection
    {
        get => _connection;
        set
        {
            ThrowIfReaderOpen();
            _connection = value;
            DropPrepared();
        }
    }

    /// <summary>The command's parameters.</summary>
    public new DuckDBParameterCollection Parameters { get; } = new();

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => Connection;
        set => Connection = (DuckDBConnection?)value;
    }

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => Parameters;

    /// <inheritdoc />
    protected override DbTransaction? DbTransaction { get; set; }

    /// <summary>Creates a parameter (not yet added to <see cref="Parameters"/>).</summary>
    public new DuckDBParameter CreateParameter() => new();

    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => CreateParameter();

    /// <summary>Parses and prepares every statement now, so that repeated executions skip both.</summary>
    public override void Prepare()
    {
        _prepared ??= DuckDBStatementBatch.Parse(OpenConnection(), RequireText());
        _prepared.PrepareAll();
    }

    /// <summary>Interrupts the command's running query, if any; the reader or execute call then throws OperationCanceledException.</summary>
    public override void Cancel() => Interrupt(Cancelled);

    /// <summary>Executes the statements; returns the rows that INSERT, UPDATE and DELETE changed, or -1.</summary>
    public override int ExecuteNonQuery()
    {
        using var reader = ExecuteReader();
        while (reader.NextResult())
        {
        }

        return reader.RecordsAffected;
    }

    /// <summary>The first column of the first row, <see cref="DBNull.Value"/> for NULL, or null without rows.</summary>
    public override object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.FieldCount > 0 && reader.Read() ? reader.GetValue(0) : null;
    }

    /// <summary>Executes the statements and streams the first result set.</summary>
    public new DuckDBDataReader ExecuteReader() => ExecuteReader(CommandBehavior.Default);

    /// <summary>Executes the statements and streams the first result set.</summary>
    public new DuckDBDataReader ExecuteReader(CommandBehavior behavior) => (DuckDBDataReader)ExecuteDbDataReader(behavior);

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Execute(behavior, CancellationToken.None);

    /// <summary>
    /// Executes the statements and streams the first result set; cancelling the token interrupts them. A token
    /// cancelled already interrupts the first statement as soon as it starts, so the exception is the same.
    /// </summary>
    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(Execute(behavior, cancellationToken));
        }
        catch (Exception error)
        {
            return Task.FromException<DbDataReader>(error);
        }
    }

    private DbDataReader Execute(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        ThrowIfReaderOpen();
        var connection = OpenConnection();
        var batch = _prepared ?? DuckDBStatementBatch.Parse(connection, RequireText());
        StartExecution();
        try
        {
            // Registered once the command counts as executing: a cancel before that would find nothing to interrupt.
            using var registration = cancellationToken.Register(static command => ((DuckDBCommand)command!).Cancel(), this);
            _activeReader = new DuckDBDataReader(this, connection, batch, ownsBatch: _prepared is null, behavior);
            return _activeReader;
        }
        catch
        {
            StopExecution();
            if (_prepared is null)
            {
                batch.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _activeReader?.Close();
            DropPrepared();
        }

        base.Dispose(disposing);
    }

    /// <summary>Binds the command's parameters to a prepared statement, by name or position.</summary>
    internal void BindParameters(PreparedStatementHandle statement)
    {
        var count = NativeMethods.PreparedStatement.ParameterCount(statement);
        if (count == 0)
        {
            return;
        }

        var sink = new ParameterSink(statement);
        for (ulong index = 1; index <= count; index++)
        {
            var name = NativeMethods.PreparedStatement.ParameterName(statement, index) ?? index.ToString();
            var parameter = Parameters.Find(name) ?? throw new InvalidOperationException(string.Format(
                ulong.TryParse(name, out _) ? DuckDBStrings.MissingPositionalParameter : DuckDBStrings.MissingNamedParameter, name));
            sink.Index = index;
            ValueWriter.WriteObject(sink, parameter.Value);
        }
    }

    /// <summary>The exception for an error DuckDB reported while this command ran.</summary>
    internal Exception ErrorFor(string? message, DuckDBErrorType type) => type != DuckDBErrorType.Interrupt
        ? new DuckDBException(message ?? "DuckDB reported an error without a message.", type)
        : Volatile.Read(ref _interruptReason) == TimedOut
            ? new TimeoutException(string.Format(DuckDBStrings.CommandTimedOut, CommandTimeout))
            : new OperationCanceledException(DuckDBStrings.CommandCancelled);

    /// <summary>Whether <see cref="Cancel"/> or the timeout asked to interrupt the running command.</summary>
    internal bool InterruptRequested => Volatile.Read(ref _interruptReason) != NotInterrupted;

    internal void ReaderClosed()
    {
        StopExecution();
        _activeReader = null;
    }

    private void Interrupt(int reason)
    {
        if (_executing && _connection?.State == ConnectionState.Open)
        {
            Interlocked.CompareExchange(ref _interruptReason, reason, NotInterrupted);
            _connection.Interrupt();
        }
    }

    private void StartExecution()
    {
        _interruptReason = NotInterrupted;
        _executing = true;
        if (CommandTimeout > 0)
        {
            _timeoutTimer = new Timer(_ => Interrupt(TimedOut), null, TimeSpan.FromSeconds(CommandTimeout), Timeout.InfiniteTimeSpan);
        }
    }

    private void StopExecution()
    {
        _executing = false;
        _timeoutTimer?.Dispose();
        _timeoutTimer = null;
    }

    private DuckDBConnection OpenConnection() =>
        _connection is { State: ConnectionState.Open } connection
            ? connection
            : throw new InvalidOperationException(_connection is null
                ? DuckDBStrings.ConnectionRequired
                : string.Format(DuckDBStrings.CallRequiresOpenConnection, "Executing a command"));

    private string RequireText() =>
        string.IsNullOrWhiteSpace(_commandText) ? throw new InvalidOperationException(DuckDBStrings.CommandTextRequired) : _commandText;

    private void ThrowIfReaderOpen()
    {
        if (_activeReader is not null)
        {
            throw new InvalidOperationException(DuckDBStrings.DataReaderOpen);
        }
    }

    private void DropPrepared()
    {
        _prepared?.Dispose();
        _prepared = null;
    }
}
