namespace OpenData.DuckDB.Tests;

public class DuckDBStatementTypeTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    [Theory]
    [InlineData("SELECT 1", DuckDBStatementType.Select)]
    [InlineData("FROM range(3)", DuckDBStatementType.Select)]
    [InlineData("WITH x AS (SELECT 1 AS a) SELECT a FROM x", DuckDBStatementType.Select)]
    [InlineData("EXPLAIN SELECT 1", DuckDBStatementType.Explain)]
    [InlineData("INSERT INTO inspected VALUES (1)", DuckDBStatementType.Insert)]
    [InlineData("UPDATE inspected SET n = 2", DuckDBStatementType.Update)]
    [InlineData("DELETE FROM inspected", DuckDBStatementType.Delete)]
    [InlineData("CREATE TABLE other (n INT)", DuckDBStatementType.Create)]
    [InlineData("DROP TABLE inspected", DuckDBStatementType.Drop)]
    [InlineData("COPY inspected TO '/tmp/inspected.csv'", DuckDBStatementType.Copy)]
    [InlineData("COPY (SELECT 1) TO '/tmp/inspected.parquet' (FORMAT parquet)", DuckDBStatementType.Copy)]
    [InlineData("ATTACH '/tmp/attached.duckdb' AS attached", DuckDBStatementType.Attach)]
    [InlineData("DETACH attached", DuckDBStatementType.Detach)]
    [InlineData("PRAGMA enable_profiling", DuckDBStatementType.Pragma)]
    [InlineData("PRAGMA version", DuckDBStatementType.Select)]
    [InlineData("SET threads = 1", DuckDBStatementType.Set)]
    [InlineData("RESET threads", DuckDBStatementType.Set)]
    [InlineData("LOAD parquet", DuckDBStatementType.Load)]
    [InlineData("INSTALL spatial", DuckDBStatementType.Load)]
    [InlineData("CALL pragma_version()", DuckDBStatementType.Call)]
    [InlineData("BEGIN TRANSACTION", DuckDBStatementType.Transaction)]
    [InlineData("EXPORT DATABASE '/tmp/exported'", DuckDBStatementType.Export)]
    public void GetStatementTypes_tells_each_statement_type(string sql, DuckDBStatementType expected)
    {
        new DuckDBCommand("CREATE TABLE IF NOT EXISTS inspected (n INT)", db.Connection).ExecuteNonQuery();

        Assert.Equal([expected], db.Connection.GetStatementTypes(sql));
    }

    [Fact]
    public void CountStatements_parses_without_binding_so_an_export_creates_no_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "never-exported-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(3, db.Connection.CountStatements($"SELECT 1; -- a comment\nEXPORT DATABASE '{folder}'; SELECT 2"));
        Assert.False(Directory.Exists(folder));
        Assert.Throws<DuckDBException>(() => db.Connection.CountStatements("SELEC 1"));
    }

    [Fact]
    public void GetStatementTypes_splits_a_multi_statement_text_without_running_it()
    {
        new DuckDBCommand("CREATE TABLE IF NOT EXISTS kept (n INT)", db.Connection).ExecuteNonQuery();

        var types = db.Connection.GetStatementTypes("SELECT 1; DROP TABLE kept; COPY kept TO '/tmp/kept.csv';");

        Assert.Equal([DuckDBStatementType.Select, DuckDBStatementType.Drop, DuckDBStatementType.Copy], types);
        Assert.Equal(0L, new DuckDBCommand("SELECT count(*) FROM kept", db.Connection).ExecuteScalar());
    }

    [Fact]
    public void GetStatementTypes_is_not_fooled_by_comments_or_strings()
    {
        var types = db.Connection.GetStatementTypes("/* DROP TABLE x; */ SELECT 'DELETE FROM y; ' AS s -- ; INSERT\n");

        Assert.Equal([DuckDBStatementType.Select], types);
    }

    [Fact]
    public void GetStatementTypes_with_bad_sql_throws_parser_error()
    {
        var error = Assert.Throws<DuckDBException>(() => db.Connection.GetStatementTypes("SELECT 1; DROPP TABLE x"));

        Assert.Equal(DuckDBErrorType.Parser, error.ErrorType);
    }

    [Fact]
    public void GetStatementTypes_of_empty_text_is_empty()
    {
        Assert.Empty(db.Connection.GetStatementTypes("  -- nothing\n"));
    }
}
