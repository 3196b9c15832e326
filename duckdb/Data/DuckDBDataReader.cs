using System.Collections;
using System.Data;
using System.Data.Common;
using OpenData.DuckDB.Native;
using OpenData.DuckDB.Reading;

namespace OpenData.DuckDB;

/// <summary>
/// Streams a command's results one DuckDB chunk (2,048 rows) at a time; only the current chunk is in memory.
/// Statements without a result set (DDL, INSERT, …) are run on the way and counted in <see cref="RecordsAffected"/>.
/// Typed getters read the vector in place; <see cref="GetValue"/> boxes.
/// </summary>
public sealed partial class DuckDBDataReader : DbDataReader
{
    private readonly DuckDBCommand _command;
    private readonly DuckDBConnection _connection;
    private readonly DuckDBStatementBatch _batch;
    private readonly bool _ownsBatch;
    private readonly CommandBehavior _behavior;
    private int _statementIndex = -1;
    private int _recordsAffected = -1;
    private ResultHandle? _result;
    private DataChunkHandle? _chunk;
    private ulong _chunkSize;
    private ulong _row;
    private bool _onRow;
    private bool _closed;
    private string[] _names = [];
    private VectorReader[] _readers = [];

    internal DuckDBDataReader(DuckDBCommand command, DuckDBConnection connection, DuckDBStatementBatch batch, bool ownsBatch, CommandBehavior behavior)
    {
        (_command, _connection, _batch, _ownsBatch, _behavior) = (command, connection, batch, ownsBatch, behavior);
        _connection.ReaderOpened(this);
        try
        {
            NextResult();
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override int FieldCount => ThrowIfClosed(nameof(FieldCount))._readers.Length;

    /// <inheritdoc />
    public override bool HasRows => ThrowIfClosed(nameof(HasRows))._chunk is not null && _chunkSize > 0;

    /// <inheritdoc />
    public override bool IsClosed => _closed;

    /// <summary>Rows changed by the INSERT, UPDATE and DELETE statements run so far, or -1 if none ran.</summary>
    public override int RecordsAffected => _recordsAffected;

    /// <inheritdoc />
    public override object this[int ordinal] => GetValue(ordinal);

    /// <inheritdoc />
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <summary>The DuckDB type of a column.</summary>
    public DuckDBType GetDuckDBType(int ordinal) => Column(ordinal).Type;

    /// <summary>The SQL name of a column's type, e.g. "DECIMAL(18,3)" or "VARCHAR[]".</summary>
    public override string GetDataTypeName(int ordinal) => Column(ordinal).TypeName;

    /// <inheritdoc />
    public override Type GetFieldType(int ordinal) => Column(ordinal).ClrType;

    /// <inheritdoc />
    public override string GetName(int ordinal)
    {
        Column(ordinal);
        return _names[ordinal];
    }

    /// <inheritdoc />
    public override int GetOrdinal(string name)
    {
        ThrowIfClosed(nameof(GetOrdinal));
        var index = Array.FindIndex(_names, n => n == name);
        if (index < 0)
        {
            index = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        }

        return index >= 0 ? index : throw new IndexOutOfRangeException($"The result has no column named '{name}'.");
    }

    /// <inheritdoc />
    public override bool Read()
    {
        ThrowIfClosed(nameof(Read));
        if (_chunk is null)
        {
            return _onRow = false;
        }

        if (_onRow && ++_row < _chunkSize)
        {
            return true;
        }

        if (_onRow)
        {
            FetchChunk();
        }

        _row = 0;
        return _onRow = _chunk is not null;
    }

    /// <summary>Reads the next row; cancelling the token interrupts the query while the row is being produced.</summary>
    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_onRow && _row + 1 < _chunkSize)
        {
            return Task.FromResult(Read());
        }

        using var registration = cancellationToken.Register(static command => ((DuckDBCommand)command!).Cancel(), _command);
        return Task.FromResult(Read());
    }

    /// <summary>
    /// Reads the rest of the rows, each as its values with SQL NULL as null (not <see cref="DBNull"/>): for small
    /// results. Cancelling the token interrupts the query.
    /// </summary>
    public List<object?[]> ReadRows(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var registration = cancellationToken.Register(static command => ((DuckDBCommand)command!).Cancel(), _command);
        var rows = new List<object?[]>();
        while (Read())
        {
            var row = new object?[FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = IsDBNull(i) ? null : GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Moves to the result of the next statement that returns rows.</summary>
    public override bool NextResult()
    {
        ThrowIfClosed(nameof(NextResult));
        CloseResult();
        while (++_statementIndex < _batch.Count)
        {
            var statement = _batch.Statement(_statementIndex, out var callerOwns);
            try
            {
                _command.BindParameters(statement);
                _result = Execute(statement);
            }
            finally
            {
                if (callerOwns)
                {
                    statement.Dispose();
                }
            }

            unsafe
            {
                var returnType = NativeMethods.Query.ResultReturnType(*_result.Result);
                if (returnType == DuckDBResultType.QueryResult)
                {
                    OpenResult();
                    return true;
                }

                if (returnType == DuckDBResultType.ChangedRows)
                {
                    CountChangedRows();
                }
            }

            CloseResult();
        }

        return false;
    }

    /// <inheritdoc />
    public override void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        CloseResult();
        if (_ownsBatch)
        {
            _batch.Dispose();
        }

        _connection.ReaderClosed(this);
        _command.ReaderClosed();
        if (_behavior.HasFlag(CommandBehavior.CloseConnection))
        {
            _connection.Close();
        }
    }

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private unsafe ResultHandle Execute(PreparedStatementHandle statement)
    {
        if (NativeMethods.Pending.PendingPreparedStreaming(statement, out var pending) != DuckDBState.Success)
        {
            using (pending)
            {
                var error = NativeMethods.Pending.PendingError(pending);
                throw _command.ErrorFor(error, DuckDBErrorTypes.FromMessage(error));
            }
        }

        using (pending)
        {
            RunUntilReady(pending);
            var result = new ResultHandle();
            if (NativeMethods.Pending.ExecutePending(pending, result.Result) != DuckDBState.Success)
            {
                using (result)
                {
                    throw _command.ErrorFor(NativeMethods.Query.ResultError(result.Result), NativeMethods.Query.ResultErrorType(result.Result));
                }
            }

            return result;
        }
    }

    // duckdb_execute_pending busy-polls DuckDB's task queue while a worker thread holds the only task, which on a
    // loaded machine doubles a query's time; running tasks here and backing off when none is free does not.
    // duckdb_interrupt before DuckDB starts a query is forgotten when it starts (ClientContext::InitialCleanup), so an
    // interrupt asked for by then is applied again here, where the query is certainly running.
    private void RunUntilReady(PendingResultHandle pending)
    {
        var backOff = new SpinWait();
        var interruptApplied = false;
        while (true)
        {
            if (!interruptApplied && _command.InterruptRequested)
            {
                _connection.Interrupt();
                interruptApplied = true;
            }

            switch (NativeMethods.Pending.PendingExecuteTask(pending))
            {
                case DuckDBPendingState.Ready:
                    return;
                case DuckDBPendingState.Error:
                    var error = NativeMethods.Pending.PendingError(pending);
                    throw _command.ErrorFor(error, DuckDBErrorTypes.FromMessage(error));
                case DuckDBPendingState.NoTasksAvailable:
                    backOff.SpinOnce();
                    break;
                default:
                    backOff.Reset();
                    break;
            }
        }
    }

    private unsafe void OpenResult()
    {
        var count = (int)NativeMethods.Query.ColumnCount(_result!.Result);
        _names = new string[count];
        _readers = new VectorReader[count];
        for (var i = 0; i < count; i++)
        {
            _names[i] = NativeMethods.Query.ColumnName(_result.Result, (ulong)i) ?? "";
            using var type = NativeMethods.Query.ColumnLogicalType(_result.Result, (ulong)i);
            _readers[i] = VectorReaderFactory.Create(type);
        }

        FetchChunk();
    }

    private void CountChangedRows()
    {
        OpenResult();
        var changed = 0L;
        while (_chunk is not null)
        {
            for (ulong row = 0; row < _chunkSize; row++)
            {
                changed += _readers[0].GetInt64(row);
            }

            FetchChunk();
        }

        _recordsAffected = (int)Math.Min(int.MaxValue, Math.Max(_recordsAffected, 0) + changed);
    }

    private unsafe void FetchChunk()
    {
        _chunk?.Dispose();
        _chunk = null;
        _chunkSize = 0;
        _onRow = false;
        while (true)
        {
            var chunk = NativeMethods.Query.FetchChunk(*_result!.Result);
            if (chunk.IsInvalid)
            {
                chunk.Dispose();
                if (NativeMethods.Query.ResultError(_result.Result) is { } error)
                {
                    throw _command.ErrorFor(error, NativeMethods.Query.ResultErrorType(_result.Result));
                }

                return;
            }

            var size = NativeMethods.DataChunk.GetSize(chunk);
            if (size == 0)
            {
                chunk.Dispose();
                continue;
            }

            _chunk = chunk;
            _chunkSize = size;
            for (var i = 0; i < _readers.Length; i++)
            {
                _readers[i].Reset(NativeMethods.DataChunk.GetVector(chunk, (ulong)i));
            }

            return;
        }
    }

    private void CloseResult()
    {
        _chunk?.Dispose();
        _result?.Dispose();
        (_chunk, _result, _chunkSize, _onRow) = (null, null, 0, false);
        _names = [];
        _readers = [];
    }

    private DuckDBDataReader ThrowIfClosed(string member) =>
        _closed ? throw new InvalidOperationException(string.Format(DuckDBStrings.DataReaderClosed, member)) : this;

    private VectorReader Column(int ordinal)
    {
        ThrowIfClosed("reading a column");
        return (uint)ordinal < (uint)_readers.Length
            ? _readers[ordinal]
            : throw new IndexOutOfRangeException($"Column {ordinal} does not exist; the result has {_readers.Length} columns.");
    }
}
