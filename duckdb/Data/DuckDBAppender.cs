using OpenData.DuckDB.Native;
using OpenData.DuckDB.Writing;

namespace OpenData.DuckDB;

/// <summary>
/// Bulk inserts into a table through DuckDB's appender: rows are buffered and written in chunks, far faster than
/// INSERT statements. Append each column of a row in table order, then <see cref="EndRow"/>; dispose (or
/// <see cref="Close"/>) to flush. Rows appended are visible to other connections only after a flush.
/// </summary>
public sealed class DuckDBAppender : IDisposable
{
    private readonly AppenderHandle _handle;
    private readonly AppenderSink _sink;
    private readonly int _columnCount;
    private int _column;

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
    public DuckDBAppender Append<T>(T value)
    {
        ValueWriter.Write(_sink, value);
        _column++;
        return this;
    }

    /// <summary>Appends NULL as the next column's value.</summary>
    public DuckDBAppender AppendNull()
    {
        _sink.WriteNull();
        _column++;
        return this;
    }

    /// <summary>Appends the column's DEFAULT as the next column's value.</summary>
    public DuckDBAppender AppendDefault()
    {
        _sink.WriteDefault();
        _column++;
        return this;
    }

    /// <summary>Finishes the current row.</summary>
    public void EndRow()
    {
        if (_column != _columnCount)
        {
            throw new InvalidOperationException(string.Format(DuckDBStrings.AppenderRowIncomplete, _column, _columnCount));
        }

        _sink.Check(NativeMethods.Appender.AppenderEndRow(_handle));
        _column = 0;
    }

    /// <summary>Appends a whole row of values (boxed) and ends it.</summary>
    public void AppendRow(params object?[] values)
    {
        foreach (var value in values)
        {
            ValueWriter.WriteObject(_sink, value);
            _column++;
        }

        EndRow();
    }

    /// <summary>Writes the buffered rows to the table.</summary>
    public void Flush() => _sink.Check(NativeMethods.Appender.AppenderFlush(_handle));

    /// <summary>Flushes and closes the appender; it cannot be used afterwards.</summary>
    public void Close()
    {
        if (!_handle.IsClosed)
        {
            try
            {
                _sink.Check(NativeMethods.Appender.AppenderClose(_handle));
            }
            finally
            {
                _handle.Dispose();
            }
        }
    }

    /// <summary>Flushes and closes the appender.</summary>
    public void Dispose() => Close();
}
