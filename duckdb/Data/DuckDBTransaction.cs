using System.Data;
using System.Data.Common;

namespace OpenData.DuckDB;

/// <summary>A DuckDB transaction (snapshot isolation); rolled back on dispose unless committed.</summary>
public sealed class DuckDBTransaction : DbTransaction
{
    private readonly DuckDBConnection _connection;
    private bool _finished;

    internal DuckDBTransaction(DuckDBConnection connection, IsolationLevel isolationLevel)
    {
        _connection = connection;
        IsolationLevel = isolationLevel == IsolationLevel.Unspecified ? IsolationLevel.Snapshot : isolationLevel;
        Run("BEGIN TRANSACTION");
    }

    /// <inheritdoc />
    public override IsolationLevel IsolationLevel { get; }

    /// <inheritdoc />
    protected override DbConnection DbConnection => _connection;

    /// <inheritdoc />
    public override void Commit() => Finish("COMMIT");

    /// <inheritdoc />
    public override void Rollback() => Finish("ROLLBACK");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished && _connection.State == ConnectionState.Open)
        {
            Rollback();
        }

        base.Dispose(disposing);
    }

    private void Finish(string statement)
    {
        if (_finished)
        {
            throw new InvalidOperationException(DuckDBStrings.TransactionFinished);
        }

        _finished = true;
        Run(statement);
    }

    private void Run(string statement)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = statement;
        command.ExecuteNonQuery();
    }
}
