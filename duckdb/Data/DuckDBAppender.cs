using OpenData.DuckDB.Native;
using OpenData.DuckDB.Writing;

namespace OpenData.DuckDB;

/// <summary>
/// Bulk inserts into a table through DuckDB's appender: rows are buffered and written in chunks, far faster than
/// INSERT statements. Append each column of a row in table order, then <see cref="EndRow"/>; dispose (or
/// <see cref="Close"/>) to flush. After an error (a value that does not convert, a row with missing columns) the
/// rows appended since the last <see cref="Flush"/> are discarded and the appender refuses further use, so a bad
/// row never leaves a half-written one behind.
/// </summary>
public sealed class DuckDBAppender : IDisposable
{
    private readonly AppenderHandle _handle;
    private readonly AppenderSink _sink;
    private readonly int _columnCount;
    private int _column;
    private bool _failed;

    internal DuckDBAppender(DuckDBConnection connection, string? schema, string table)
    {
        if (NativeMethods.Appender.AppenderCreateExt(connection.NativeHandle, null, schema, table, out _handle) != DuckDBState.Success)
        {
            var error = NativeMethods.Appender.AppenderError(_handle) ?? $"Could not create an appender for table '{table}'.";
            _handle.Dispose();
            throw new DuckDBException(error, DuckDBErrorTypes.FromMessage(error));
        }

        _sink = new AppenderSink(_handle);
        _columnCount = (int)NativeMethods.Appender.AppenderColumnCount(_handle);
    }

    /// <summary>Appends the next column's value; primitive values are not boxed.</summary>
    public DuckDBAppender Append<T>(T value) => Column(() => ValueWriter.Write(_sink, value));

    /// <summary>Appends NULL as the next column's value.</summary>
    public DuckDBAppender AppendNull() => Column(_sink.WriteNull);

    /// <summary>Appends the column's DEFAULT as the next column's value.</summary>
    public DuckDBAppender AppendDefault() => Column(_sink.WriteDefault);

    /// <summary>Finishes the current row.</summary>
    public void EndRow()
    {
        ThrowIfUnusable();
        if (_column != _columnCount)
        {
            Fail();
            throw new InvalidOperationException(string.Format(DuckDBStrings.AppenderRowIncomplete, _column, _columnCount));
        }

        Guarded(() => _sink.Check(NativeMethods.Appender.AppenderEndRow(_handle)));
        _column = 0;
    }

    /// <summary>Appends a whole row of values (boxed) and ends it.</summary>
    public void AppendRow(params object?[] values)
    {
        foreach (var value in values)
        {
            Column(() => ValueWriter.WriteObject(_sink, value));
        }

        EndRow();
    }

    /// <summary>Writes the buffered rows to the table.</summary>
    public void Flush()
    {
        ThrowIfUnusable();
        Guarded(() => _sink.Check(NativeMethods.Appender.AppenderFlush(_handle)));
    }

    /// <summary>Flushes and closes the appender; it cannot be used afterwards.</summary>
    public void Close()
    {
        if (_handle.IsClosed)
        {
            return;
        }

        try
        {
            if (!_failed)
            {
                _sink.Check(NativeMethods.Appender.AppenderClose(_handle));
            }
        }
        finally
        {
            _handle.Dispose();
        }
    }

    /// <summary>Flushes and closes the appender.</summary>
    public void Dispose() => Close();

    private DuckDBAppender Column(Action append)
    {
        ThrowIfUnusable();
        Guarded(append);
        _column++;
        return this;
    }

    private void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (DuckDBException)
        {
            Fail();
            throw;
        }
    }

    private void Fail()
    {
        _failed = true;
        NativeMethods.Appender.AppenderClear(_handle);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (_failed)
        {
            throw new InvalidOperationException(DuckDBStrings.AppenderFailedBefore);
        }
    }
}
