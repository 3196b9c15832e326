using System.Data;

namespace OpenData.DuckDB.Tests;

public class DuckDBCommandTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    [Fact]
    public void ExecuteNonQuery_returns_rows_changed_over_all_statements()
    {
        var changed = Command("""
            CREATE OR REPLACE TEMP TABLE counted (n INT);
            INSERT INTO counted SELECT * FROM range(10);
            UPDATE counted SET n = n + 1 WHERE n < 3;
            DELETE FROM counted WHERE n > 7;
            """).ExecuteNonQuery();

        Assert.Equal(10 + 3 + 2, changed);
    }

    [Fact]
    public void ExecuteNonQuery_returns_minus_one_without_changes()
    {
        Assert.Equal(-1, Command("SELECT 1").ExecuteNonQuery());
    }

    [Fact]
    public void ExecuteScalar_returns_first_value_dbnull_or_null()
    {
        Assert.Equal(3L, Command("SELECT 3::BIGINT, 4").ExecuteScalar());
        Assert.Equal(DBNull.Value, Command("SELECT NULL").ExecuteScalar());
        Assert.Null(Command("SELECT 1 WHERE false").ExecuteScalar());
    }

    [Fact]
    public void ExecuteReader_moves_through_result_sets_of_several_statements()
    {
        using var reader = Command("CREATE OR REPLACE TEMP TABLE r AS SELECT 1 AS a; SELECT a FROM r; SELECT 'two' AS b").ExecuteReader();

        Assert.Equal("a", reader.GetName(0));
        Assert.True(reader.Read());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.False(reader.Read());
        Assert.True(reader.NextResult());
        Assert.Equal("b", reader.GetName(0));
        Assert.True(reader.Read());
        Assert.Equal("two", reader.GetString(0));
        Assert.False(reader.NextResult());
    }

    [Fact]
    public void Prepare_allows_executing_again_with_new_parameter_values()
    {
        using var command = Command("SELECT $n * 2");
        var parameter = command.Parameters.AddWithValue("n", 1);
        command.Prepare();

        var results = new List<object?>();
        foreach (var n in new[] { 1, 5, 21 })
        {
            parameter.Value = n;
            results.Add(command.ExecuteScalar());
        }

        Assert.Equal([2, 10, 42], results);
    }

    [Fact]
    public void ExecuteReader_with_bad_sql_throws_parser_error()
    {
        var error = Assert.Throws<DuckDBException>(() => Command("SELEC 1").ExecuteReader());

        Assert.Equal(DuckDBErrorType.Parser, error.ErrorType);
        Assert.Contains("syntax error", error.Message);
    }

    [Fact]
    public void ExecuteReader_with_unknown_table_throws_catalog_error()
    {
        var error = Assert.Throws<DuckDBException>(() => Command("SELECT * FROM no_such_table").ExecuteReader());

        Assert.Equal(DuckDBErrorType.Catalog, error.ErrorType);
        Assert.Contains("no_such_table", error.Message);
    }

    [Fact]
    public void Read_with_bad_cast_throws_conversion_error_and_connection_stays_usable()
    {
        var error = Assert.Throws<DuckDBException>(() =>
        {
            using var reader = Command("SELECT CASE WHEN i < 5000 THEN i::VARCHAR ELSE 'x' END::INT FROM range(10000) t(i)").ExecuteReader();
            while (reader.Read())
            {
            }
        });

        Assert.Equal(DuckDBErrorType.Conversion, error.ErrorType);
        Assert.Contains("'x'", error.Message);
        Assert.Equal(1, Command("SELECT 1").ExecuteScalar());
    }

    [Fact]
    public void ExecuteReader_with_constraint_violation_keeps_existing_rows()
    {
        Command("CREATE OR REPLACE TEMP TABLE keyed (id INT PRIMARY KEY); INSERT INTO keyed VALUES (1), (2)").ExecuteNonQuery();

        var error = Assert.Throws<DuckDBException>(() => Command("INSERT INTO keyed VALUES (3), (1)").ExecuteNonQuery());

        Assert.Equal(DuckDBErrorType.Constraint, error.ErrorType);
        Assert.Equal(2L, Command("SELECT count(*) FROM keyed").ExecuteScalar());
    }

    [Fact]
    public void ExecuteReader_without_text_or_open_connection_explains_what_is_missing()
    {
        Assert.Contains("CommandText", Assert.Throws<InvalidOperationException>(() => Command(" ").ExecuteReader()).Message);
        Assert.Contains("Connection", Assert.Throws<InvalidOperationException>(() => new DuckDBCommand("SELECT 1").ExecuteReader()).Message);
    }

    [Fact]
    public void ExecuteReader_refuses_a_second_reader_on_the_same_command()
    {
        using var command = Command("SELECT 1");
        using var reader = command.ExecuteReader();

        Assert.Throws<InvalidOperationException>(() => command.ExecuteReader());
    }

    [Fact]
    public void Reader_reports_column_names_and_types()
    {
        using var reader = Command("SELECT 1::INT AS i, 'a' AS s, 1.5::DECIMAL(18,3) AS d, [1, 2] AS l").ExecuteReader();

        Assert.Equal(["i", "s", "d", "l"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        Assert.Equal(["INTEGER", "VARCHAR", "DECIMAL(18,3)", "INTEGER[]"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName));
        Assert.Equal([typeof(int), typeof(string), typeof(decimal), typeof(List<int?>)], Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType));
        Assert.Equal(DuckDBType.List, reader.GetDuckDBType(3));
        Assert.Equal(2, reader.GetOrdinal("d"));
    }

    [Fact]
    public void Reader_works_as_a_DataTable_source()
    {
        using var reader = Command("SELECT i AS n, i::VARCHAR AS s FROM range(3) t(i)").ExecuteReader();
        var table = new DataTable();

        table.Load(reader);

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("2", table.Rows[2]["s"]);
    }

    private DuckDBCommand Command(string sql) => new(sql, db.Connection);
}
