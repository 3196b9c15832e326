namespace OpenData.DuckDB.Tests.Types;

/// <summary>
/// LIST, ARRAY, STRUCT and MAP with NULLs inside and NULL as a whole, over more rows than one chunk (2,048).
/// Each row is compared with DuckDB's own to_json() of the same value, and each type name with typeof().
/// </summary>
public class DuckDBDataReaderNestedTypesTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    private const int Rows = 5000;

    [Fact]
    public void GetValue_returns_lists_with_null_elements_when_rows_span_several_chunks()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 7 = 0 THEN NULL ELSE list_transform(range(i % 5), x -> CASE WHEN (x + i) % 3 = 0 THEN NULL ELSE (x + i)::INTEGER END) END",
            typeof(List<int?>), "INTEGER[]");
        Assert.Equal(Rows / 7 + 1, counts.NullRows);
        Assert.True(counts.NullElements > 0);
    }

    [Fact]
    public void GetValue_returns_lists_of_strings_when_elements_are_longer_than_the_inline_12_bytes()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 11 = 0 THEN NULL ELSE list_transform(range(i % 4), x -> CASE WHEN x = 1 THEN NULL ELSE repeat('沪A', x * 3) || i END) END",
            typeof(List<string>), "VARCHAR[]");
        Assert.True(counts.NullRows > 0);
        Assert.True(counts.NullElements > 0);
    }

    [Fact]
    public void GetValue_returns_nested_lists_when_lists_hold_lists()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 9 = 0 THEN NULL ELSE [[i::INTEGER, NULL], NULL, [], list_transform(range(i % 3), x -> x::INTEGER)] END",
            typeof(List<List<int?>>), "INTEGER[][]");
        Assert.True(counts.NullRows > 0);
    }

    [Fact]
    public void GetValue_returns_fixed_size_lists_when_column_is_ARRAY()
    {
        var counts = AssertSameAsDuckDB(
            "(CASE WHEN i % 6 = 0 THEN NULL ELSE [i, NULL, i * 2] END)::INTEGER[3]",
            typeof(List<int?>), "INTEGER[3]");
        Assert.True(counts.NullRows > 0);
        Assert.True(counts.NullElements > 0);
    }

    [Fact]
    public void GetValue_returns_fixed_size_lists_of_strings_when_ARRAY_nests_ARRAY()
    {
        var counts = AssertSameAsDuckDB(
            "(CASE WHEN i % 13 = 0 THEN NULL ELSE [[i::VARCHAR, NULL], NULL] END)::VARCHAR[2][2]",
            typeof(List<List<string>>), "VARCHAR[2][2]");
        Assert.True(counts.NullRows > 0);
    }

    [Fact]
    public void GetValue_returns_field_dictionaries_when_column_is_STRUCT()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 4 = 0 THEN NULL ELSE {'id': i, 'txt': CASE WHEN i % 3 = 0 THEN NULL ELSE 'text ' || i END, " +
            "'tags': CASE WHEN i % 5 = 0 THEN NULL ELSE [i::VARCHAR, NULL] END} END",
            typeof(Dictionary<string, object?>), "STRUCT(id BIGINT, txt VARCHAR, tags VARCHAR[])");
        Assert.True(counts.NullRows > 0);
    }

    [Fact]
    public void GetValue_keeps_the_field_order_when_column_is_STRUCT()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT {'z': 1, 'a': NULL::INTEGER, 'm': 'x'}";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var fields = reader.GetFieldValue<Dictionary<string, object?>>(0);
        Assert.Equal(["z", "a", "m"], fields.Keys);
        Assert.Null(fields["a"]);
    }

    [Fact]
    public void GetValue_returns_nested_dictionaries_when_STRUCT_holds_STRUCT()
    {
        var counts = AssertSameAsDuckDB(
            "{'outer_id': i, 'inner_row': CASE WHEN i % 3 = 0 THEN NULL ELSE {'a': i % 7, 'b': CASE WHEN i % 2 = 0 THEN NULL ELSE i::VARCHAR END} END}",
            typeof(Dictionary<string, object?>), "STRUCT(outer_id BIGINT, inner_row STRUCT(a BIGINT, b VARCHAR))");
        Assert.Equal(0, counts.NullRows);
    }

    [Fact]
    public void GetValue_returns_typed_dictionaries_when_column_is_MAP()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 5 = 0 THEN NULL ELSE MAP(list_transform(range(i % 4), x -> (x + i)::INTEGER), " +
            "list_transform(range(i % 4), x -> CASE WHEN x = 1 THEN NULL ELSE 'v' || x END)) END",
            typeof(Dictionary<int, string>), "MAP(INTEGER, VARCHAR)");
        Assert.True(counts.NullRows > 0);
    }

    [Fact]
    public void GetValue_returns_dictionaries_of_lists_when_MAP_values_are_lists()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 8 = 0 THEN NULL ELSE MAP {'k' || i: [i, NULL], 'none': NULL} END",
            typeof(Dictionary<string, List<long?>>), "MAP(VARCHAR, BIGINT[])");
        Assert.True(counts.NullRows > 0);
    }

    [Fact]
    public void GetValue_returns_lists_of_dictionaries_when_LIST_holds_STRUCT()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 10 = 0 THEN NULL ELSE list_transform(range(i % 4), x -> CASE WHEN x = 2 THEN NULL " +
            "ELSE {'x': x, 'lbl': CASE WHEN x = 1 THEN NULL ELSE 'label ' || i END} END) END",
            typeof(List<Dictionary<string, object?>>), "STRUCT(x BIGINT, lbl VARCHAR)[]");
        Assert.True(counts.NullRows > 0);
        Assert.True(counts.NullElements > 0);
    }

    [Fact]
    public void GetValue_returns_nested_lists_of_dictionaries_when_lists_of_STRUCT_are_nested()
    {
        var counts = AssertSameAsDuckDB(
            "CASE WHEN i % 3 = 0 THEN NULL ELSE [[{'a': i, 'b': [i, NULL]}, NULL], NULL, [], [{'a': NULL, 'b': NULL}]] END",
            typeof(List<List<Dictionary<string, object?>>>), "STRUCT(a BIGINT, b BIGINT[])[][]");
        Assert.True(counts.NullRows > 0);
    }

    [Fact]
    public void GetValue_returns_lists_of_other_types_when_elements_are_dates_decimals_uuids_or_enums()
    {
        AssertSameAsDuckDB(
            "{'dates': [DATE '2024-02-29' + (i % 400)::INTEGER, NULL], 'decimals': [(i / 7)::DECIMAL(18,3), NULL], " +
            "'uuids': [uuid(), NULL], 'moods': ['sad'::ENUM('sad', 'ok', 'happy'), NULL]}",
            typeof(Dictionary<string, object?>),
            "STRUCT(dates DATE[], decimals DECIMAL(18,3)[], uuids UUID[], moods ENUM('sad', 'ok', 'happy')[])",
            compareTypeName: false);
    }

    [Fact]
    public void GetValue_returns_every_element_when_one_list_is_larger_than_a_chunk()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT list(CASE WHEN i % 10 = 0 THEN NULL ELSE i END ORDER BY i), count(*) FROM range(10000) t(i)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var list = reader.GetFieldValue<List<long?>>(0);
        Assert.Equal(reader.GetInt64(1), list.Count);
        Assert.Equal(Enumerable.Range(0, 10000).Select(i => i % 10 == 0 ? null : (long?)i), list);
    }

    [Fact]
    public void GetValue_returns_the_same_list_on_every_row_when_the_list_is_constant()
    {
        var counts = AssertSameAsDuckDB("[1, NULL, 3]", typeof(List<int?>), "INTEGER[]");
        Assert.Equal(0, counts.NullRows);
        Assert.Equal(Rows, counts.NullElements);
    }

    [Fact]
    public void GetValue_returns_DBNull_on_every_row_when_the_nested_value_is_a_constant_NULL()
    {
        var counts = AssertSameAsDuckDB("NULL::STRUCT(a INTEGER[], m MAP(VARCHAR, INTEGER))", typeof(Dictionary<string, object?>), "STRUCT(a INTEGER[], m MAP(VARCHAR, INTEGER))");
        Assert.Equal(Rows, counts.NullRows);
    }

    [Fact]
    public void GetFieldValue_returns_the_nested_value_when_asked_for_its_field_type()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT [1, NULL], {'a': 1}, MAP {'k': 2}, NULL::INTEGER[]";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal([1, null], reader.GetFieldValue<List<int?>>(0));
        Assert.Equal(1, reader.GetFieldValue<Dictionary<string, object?>>(1)["a"]);
        Assert.Equal(2, reader.GetFieldValue<Dictionary<string, int?>>(2)["k"]);
        Assert.Null(reader.GetFieldValue<List<int?>>(3));
        Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<List<int>>(0));
        Assert.Throws<InvalidCastException>(() => reader.GetString(0));
        Assert.Throws<InvalidCastException>(() => reader.GetInt32(1));
    }

    [Fact]
    public void GetValue_throws_NotSupportedException_when_a_list_holds_an_unsupported_type()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT ['101'::BIT]";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Contains("BIT", Assert.Throws<NotSupportedException>(() => reader.GetValue(0)).Message);
    }

    /// <summary>
    /// Reads <c>expression</c> over <see cref="Rows"/> rows of range() (the row number is <c>i</c>) and compares
    /// every value with DuckDB's to_json of it; returns how many rows were NULL and how many NULL elements the
    /// non-NULL lists held.
    /// </summary>
    private (int NullRows, int NullElements) AssertSameAsDuckDB(string expression, Type clrType, string typeName, bool compareTypeName = true)
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = $"SELECT v, to_json(v), typeof(v) FROM (SELECT {expression} AS v FROM range({Rows}) t(i))";
        using var reader = command.ExecuteReader();
        Assert.Equal(clrType, reader.GetFieldType(0));
        var (rows, nullRows, nullElements) = (0, 0, 0);
        while (reader.Read())
        {
            rows++;
            Assert.Equal(typeName, reader.GetString(2));
            if (compareTypeName)
            {
                Assert.Equal(typeName, reader.GetDataTypeName(0));
            }

            var value = reader.GetValue(0);
            if (reader.IsDBNull(0))
            {
                Assert.Same(DBNull.Value, value);
                nullRows++;
            }
            else
            {
                Assert.IsType(clrType, value);
                nullElements += value is System.Collections.IList list ? list.Cast<object?>().Count(e => e is null) : 0;
            }

            DuckDBJsonOracle.AssertSameAsDuckDB(reader.IsDBNull(1) ? null : reader.GetString(1), value);
        }

        Assert.Equal(Rows, rows);
        return (nullRows, nullElements);
    }
}
