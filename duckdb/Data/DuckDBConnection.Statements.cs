using OpenData.DuckDB.Native;

namespace OpenData.DuckDB;

public sealed partial class DuckDBConnection
{
    /// <summary>
    /// Counts the statements in <paramref name="sql"/> with DuckDB's parser alone (duckdb_extract_statements), without
    /// preparing any: preparing binds, and binding some statements already acts (EXPORT DATABASE creates its folder).
    /// </summary>
    /// <exception cref="DuckDBException">The text does not parse.</exception>
    public int CountStatements(string sql)
    {
        using var batch = DuckDBStatementBatch.Parse(this, sql);
        return batch.Count;
    }

    /// <summary>
    /// Splits <paramref name="sql"/> into statements with DuckDB's own parser and tells each one's type
    /// (duckdb_extract_statements, then duckdb_prepared_statement_type). Nothing is executed. Statements are
    /// prepared against the current catalog, so one that refers to a table an earlier statement would create
    /// fails here as it would when run alone.
    /// </summary>
    /// <exception cref="DuckDBException">The text does not parse, or a statement cannot be prepared.</exception>
    public IReadOnlyList<DuckDBStatementType> GetStatementTypes(string sql)
    {
        using var batch = DuckDBStatementBatch.Parse(this, sql);
        var types = new DuckDBStatementType[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            using var statement = batch.Prepare(i);
            types[i] = NativeMethods.PreparedStatement.StatementType(statement);
        }

        return types;
    }
}
