using OpenData.DuckDB.Native;

namespace OpenData.DuckDB;

/// <summary>The statements of one SQL text, split by DuckDB's parser and prepared one at a time on demand.</summary>
internal sealed class DuckDBStatementBatch : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly ExtractedStatementsHandle _extracted;
    private PreparedStatementHandle[]? _prepared;

    private DuckDBStatementBatch(DuckDBConnection connection, ExtractedStatementsHandle extracted, int count)
    {
        _connection = connection;
        _extracted = extracted;
        Count = count;
    }

    public int Count { get; }

    public static DuckDBStatementBatch Parse(DuckDBConnection connection, string sql)
    {
        var count = NativeMethods.PreparedStatement.ExtractStatements(connection.NativeHandle, sql, out var extracted);
        if (count == 0 && NativeMethods.PreparedStatement.ExtractStatementsError(extracted) is { } error)
        {
            extracted.Dispose();
            throw new DuckDBException(error, DuckDBErrorTypes.FromMessage(error));
        }

        return new DuckDBStatementBatch(connection, extracted, (int)count);
    }

    /// <summary>Prepares statement <paramref name="index"/>; the caller owns the handle.</summary>
    public PreparedStatementHandle Prepare(int index)
    {
        var state = NativeMethods.PreparedStatement.PrepareExtractedStatement(_connection.NativeHandle, _extracted, (ulong)index, out var statement);
        if (state != DuckDBState.Success)
        {
            var error = NativeMethods.PreparedStatement.PrepareError(statement) ?? "The statement could not be prepared.";
            statement.Dispose();
            throw new DuckDBException(error, DuckDBErrorTypes.FromMessage(error));
        }

        return statement;
    }

    /// <summary>Prepares every statement now and keeps them for repeated execution (DbCommand.Prepare).</summary>
    public void PrepareAll()
    {
        _prepared ??= Enumerable.Range(0, Count).Select(Prepare).ToArray();
    }

    /// <summary>Statement <paramref name="index"/>: kept if <see cref="PrepareAll"/> ran, else prepared now for the caller to own.</summary>
    public PreparedStatementHandle Statement(int index, out bool callerOwns)
    {
        callerOwns = _prepared is null;
        return _prepared?[index] ?? Prepare(index);
    }

    public void Dispose()
    {
        foreach (var statement in _prepared ?? [])
        {
            statement.Dispose();
        }

        _extracted.Dispose();
    }
}
