namespace OpenData.DuckDB.Tests.Types;

/// <summary>
/// A parameter of every common .NET type, bound as $1, ? and $name, read back through SELECT: DuckDB's typeof()
/// and CAST AS VARCHAR say which type and value DuckDB received; GetValue says what the reader makes of it.
/// </summary>
public class DuckDBParameterTests : IClassFixture<DuckDBDatabaseFixture>
{
    private static readonly object SameAsValue = new();
    private static readonly Guid SampleGuid = Guid.Parse("12345678-9abc-def0-1234-56789abcdef0");
    private static readonly string[] Placeholders = ["$1", "?", "$value"];

    private readonly DuckDBDatabaseFixture _db;

    public DuckDBParameterTests(DuckDBDatabaseFixture db)
    {
        _db = db;
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
    }

    private enum Level : byte
    {
        High = 200,
    }

    /// <summary>label, placeholder, value, DuckDB type, DuckDB text, value read back.</summary>
    public static IEnumerable<object?[]> Values()
    {
        object?[][] values =
        [
            Row("bool", true, "BOOLEAN", "true"),
            Row("sbyte", sbyte.MinValue, "TINYINT", "-128"),
            Row("short", short.MinValue, "SMALLINT", "-32768"),
            Row("int", int.MinValue, "INTEGER", "-2147483648"),
            Row("long", long.MaxValue, "BIGINT", "9223372036854775807"),
            Row("byte", byte.MaxValue, "UTINYINT", "255"),
            Row("ushort", ushort.MaxValue, "USMALLINT", "65535"),
            Row("uint", uint.MaxValue, "UINTEGER", "4294967295"),
            Row("ulong", ulong.MaxValue, "UBIGINT", "18446744073709551615"),
            Row("Int128", Int128.MinValue, "HUGEINT", "-170141183460469231731687303715884105728"),
            Row("UInt128", UInt128.MaxValue, "UHUGEINT", "340282366920938463463374607431768211455"),
            Row("float", -1.5f, "FLOAT", "-1.5"),
            Row("double", 0.1, "DOUBLE", "0.1"),
            Row("double max", double.MaxValue, "DOUBLE", "1.7976931348623157e+308"),
            Row("decimal negative", -1.5m, "DECIMAL(38,1)", "-1.5"),
            Row("decimal trailing zero", 1.10m, "DECIMAL(38,2)", "1.10"),
            Row("decimal scale 28", 0.0000000000000000000000000001m, "DECIMAL(38,28)", "0.0000000000000000000000000001"),
            Row("decimal scale 28, 29 digits", -7.9228162514264337593543950335m, "DECIMAL(38,28)", "-7.9228162514264337593543950335"),
            Row("decimal max", 79228162514264337593543950335m, "DECIMAL(38,0)", "79228162514264337593543950335"),
            Row("decimal min", decimal.MinValue, "DECIMAL(38,0)", "-79228162514264337593543950335"),
            Row("string empty", "", "VARCHAR", ""),
            Row("string non-ASCII", "沪A12345", "VARCHAR", "沪A12345"),
            Row("string 13 bytes", "hello, world!", "VARCHAR", "hello, world!"),
            Row("string 600 bytes", new string('x', 600), "VARCHAR", new string('x', 600)),
            Row("string 600 bytes non-ASCII", string.Concat(Enumerable.Repeat("沪A12345", 60)), "VARCHAR", string.Concat(Enumerable.Repeat("沪A12345", 60))),
            Row("char", 'x', "VARCHAR", "x", "x"),
            Row("byte[]", new byte[] { 0, 1, 255 }, "BLOB", "\\x00\\x01\\xFF"),
            Row("byte[] empty", Array.Empty<byte>(), "BLOB", ""),
            Row("DateTime", new DateTime(2024, 2, 29, 13, 14, 15).AddTicks(1_234_560), "TIMESTAMP", "2024-02-29 13:14:15.123456"),
            Row("DateTime before 1970", new DateTime(1969, 12, 31, 23, 59, 59, 500), "TIMESTAMP", "1969-12-31 23:59:59.5"),
            Row("DateTime min", DateTime.MinValue, "TIMESTAMP", "0001-01-01 00:00:00"),
            Row("DateTimeOffset", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), "TIMESTAMP WITH TIME ZONE", "2024-01-02 01:04:05+00"),
            Row("DateOnly", new DateOnly(2024, 2, 29), "DATE", "2024-02-29"),
            Row("DateOnly min", DateOnly.MinValue, "DATE", "0001-01-01"),
            Row("DateOnly max", DateOnly.MaxValue, "DATE", "9999-12-31"),
            Row("TimeOnly", new TimeOnly(13, 14, 15, 123), "TIME", "13:14:15.123"),
            Row("TimeOnly max", TimeOnly.MaxValue, "TIME", "23:59:59.999999", new TimeOnly(23, 59, 59, 999, 999)),
            Row("TimeSpan", new TimeSpan(1, 2, 3, 4, 500), "INTERVAL", "1 day 02:03:04.5", new DuckDBInterval(0, 1, 7_384_500_000)),
            Row("TimeSpan negative", TimeSpan.FromMinutes(-90), "INTERVAL", "-01:30:00", new DuckDBInterval(0, 0, -5_400_000_000)),
            Row("DuckDBInterval", new DuckDBInterval(14, 3, 1), "INTERVAL", "1 year 2 months 3 days 00:00:00.000001"),
            Row("Guid", SampleGuid, "UUID", "12345678-9abc-def0-1234-56789abcdef0"),
            Row("Guid empty", Guid.Empty, "UUID", "00000000-0000-0000-0000-000000000000"),
            Row("Guid all bits", Guid.AllBitsSet, "UUID", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
            Row("enum (int)", DayOfWeek.Friday, "INTEGER", "5", 5),
            Row("enum (byte)", Level.High, "UTINYINT", "200", (byte)200),
            Row("List<int>", new List<int> { 1, 2, 3 }, "INTEGER[]", "[1, 2, 3]", new List<int?> { 1, 2, 3 }),
            Row("List<int> empty", new List<int>(), "INTEGER[]", "[]", new List<int?>()),
            Row("List<int?> of NULL", new List<int?> { null }, "INTEGER[]", "[NULL]", new List<int?> { null }),
            Row("string[]", new[] { "a", null, "沪A12345" }, "VARCHAR[]", "[a, NULL, 沪A12345]", new List<string?> { "a", null, "沪A12345" }),
            Row("int[][]", new[] { new[] { 1 }, new[] { 2, 3 } }, "INTEGER[][]", "[[1], [2, 3]]", new List<List<int?>> { new() { 1 }, new() { 2, 3 } }),
            Row("List<decimal>", new List<decimal> { 1.5m, 2.25m }, "DECIMAL(38,2)[]", "[1.50, 2.25]", new List<decimal?> { 1.5m, 2.25m }),
            Row("List<decimal?> with NULL", new List<decimal?> { null, 1m, -0.125m }, "DECIMAL(38,3)[]", "[NULL, 1.000, -0.125]", new List<decimal?> { null, 1m, -0.125m }),
            Row("decimal[][]", new[] { new[] { 1.5m }, new[] { 2.25m } }, "DECIMAL(38,2)[][]", "[[1.50], [2.25]]", new List<List<decimal?>> { new() { 1.5m }, new() { 2.25m } }),
            Row("List<Guid>", new List<Guid> { SampleGuid }, "UUID[]", "[12345678-9abc-def0-1234-56789abcdef0]", new List<Guid?> { SampleGuid }),
        ];
        return values.SelectMany(row => Placeholders.Select(placeholder => new[] { row[0], placeholder }.Concat(row[1..]).ToArray()));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Value_is_bound_with_its_DuckDB_type_when_bound_by_position_or_name(
        string label, string placeholder, object value, string duckdbType, string duckdbText, object readBack)
    {
        _ = label; // only names the case in test results
        SelectOne(placeholder, value, reader =>
        {
            Assert.Equal(duckdbType, reader.GetString(1));
            Assert.Equal(duckdbText, reader.GetString(2));
            Assert.Equal(duckdbType, reader.GetDataTypeName(0));
            Assert.Equal(readBack == SameAsValue ? value : readBack, reader.GetValue(0));
        });
    }

    [Theory]
    [InlineData("$1")]
    [InlineData("?")]
    [InlineData("$value")]
    public void Value_is_bound_as_NULL_when_value_is_null_or_DBNull(string placeholder)
    {
        foreach (var value in new[] { null, DBNull.Value })
        {
            SelectOne(placeholder, value, reader =>
            {
                Assert.True(reader.IsDBNull(0));
                Assert.True(reader.IsDBNull(2));
                Assert.Equal("\"NULL\"", reader.GetString(1));
            });
        }
    }

    [Fact]
    public void Value_reads_back_as_the_same_TimeSpan_when_bound_as_INTERVAL()
    {
        var value = new TimeSpan(-3, -4, -5, -6, -789);
        SelectOne("$1", value, reader => Assert.Equal(value, reader.GetFieldValue<TimeSpan>(0)));
    }

    [Fact]
    public void Value_keeps_the_instant_when_DateTimeOffset_has_an_offset()
    {
        var value = new DateTimeOffset(2024, 6, 30, 23, 30, 0, 123, TimeSpan.FromHours(-9.5));
        SelectOne("$1", value, reader =>
        {
            var read = Assert.IsType<DateTimeOffset>(reader.GetValue(0));
            Assert.Equal(value.UtcDateTime, read.UtcDateTime);
            Assert.Equal(TimeSpan.Zero, read.Offset);
        });
    }

    [Theory]
    [InlineData("value")]
    [InlineData("$value")]
    [InlineData("@value")]
    [InlineData(":value")]
    [InlineData("VALUE")]
    public void ParameterName_matches_the_SQL_name_when_it_has_a_prefix_or_other_case(string name)
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT $value";
        command.Parameters.AddWithValue(name, 42);
        Assert.Equal(42, command.ExecuteScalar());
    }

    [Fact]
    public void Value_is_bound_to_every_occurrence_when_the_name_is_used_twice()
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT $n + $n, $n::VARCHAR || $s";
        command.Parameters.AddWithValue("s", "!");
        command.Parameters.AddWithValue("n", 21);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(42, reader.GetInt32(0));
        Assert.Equal("21!", reader.GetString(1));
    }

    [Fact]
    public void Value_is_rebound_when_it_changes_between_executions()
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT $1::VARCHAR";
        var parameter = command.Parameters.Add(new DuckDBParameter(1));
        Assert.Equal("1", command.ExecuteScalar());
        parameter.Value = "沪A12345";
        Assert.Equal("沪A12345", command.ExecuteScalar());
        parameter.Value = null;
        Assert.Equal(DBNull.Value, command.ExecuteScalar());
    }

    [Fact]
    public void Value_is_converted_to_the_column_type_when_inserted_into_a_table()
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = """
            CREATE OR REPLACE TEMP TABLE parameter_round_trip (d DECIMAL(18,4), t TIMESTAMP, u UUID, s VARCHAR, l INTEGER[], b BLOB);
            INSERT INTO parameter_round_trip VALUES ($d, $t, $u, $s, $l, $b);
            SELECT d, t, u, s, l, b FROM parameter_round_trip;
            """;
        var timestamp = new DateTime(2001, 2, 3, 4, 5, 6, 789);
        command.Parameters.AddWithValue("d", -12345.6789m);
        command.Parameters.AddWithValue("t", timestamp);
        command.Parameters.AddWithValue("u", SampleGuid);
        command.Parameters.AddWithValue("s", "沪A12345 and more than twelve bytes");
        command.Parameters.AddWithValue("l", new[] { 3, 2, 1 });
        command.Parameters.AddWithValue("b", new byte[] { 1, 0, 2 });
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(-12345.6789m, reader.GetDecimal(0));
        Assert.Equal(timestamp, reader.GetDateTime(1));
        Assert.Equal(SampleGuid, reader.GetGuid(2));
        Assert.Equal("沪A12345 and more than twelve bytes", reader.GetString(3));
        Assert.Equal([3, 2, 1], reader.GetFieldValue<List<int?>>(4));
        Assert.Equal(new byte[] { 1, 0, 2 }, reader.GetFieldValue<byte[]>(5));
        Assert.Equal(1, reader.RecordsAffected);
    }

    [Fact]
    public void Execute_throws_InvalidOperationException_naming_the_parameter_when_a_named_parameter_is_missing()
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT $present, $missing";
        command.Parameters.AddWithValue("present", 1);
        var missing = Assert.Throws<InvalidOperationException>(() => command.ExecuteReader());
        Assert.Contains("$missing", missing.Message);
    }

    [Fact]
    public void Execute_throws_InvalidOperationException_naming_the_parameter_when_a_positional_parameter_is_missing()
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT $1, $2";
        command.Parameters.Add(new DuckDBParameter(1));
        var missing = Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar());
        Assert.Contains("$2", missing.Message);
    }

    [Fact]
    public void Execute_throws_NotSupportedException_naming_the_type_when_the_value_type_is_unsupported()
    {
        foreach (var value in new object[] { new object(), new Uri("https://example.org/"), new Version(1, 2) })
        {
            using var command = _db.Connection.CreateCommand();
            command.CommandText = "SELECT $1";
            command.Parameters.Add(new DuckDBParameter(value));
            var unsupported = Assert.Throws<NotSupportedException>(() => command.ExecuteScalar());
            Assert.Contains(value.GetType().FullName!, unsupported.Message);
        }
    }

    [Fact]
    public void Execute_throws_ArgumentException_when_list_elements_cannot_share_a_type()
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT $1";
        command.Parameters.Add(new DuckDBParameter(new List<object> { 1, "not a number" }));
        Assert.Throws<ArgumentException>(() => command.ExecuteScalar());
    }

    [Fact]
    public void Execute_throws_ArgumentException_when_list_decimals_need_more_than_38_digits_at_a_shared_scale()
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT $1";
        command.Parameters.Add(new DuckDBParameter(new List<decimal> { decimal.MaxValue, 0.0000000001m }));
        var tooWide = Assert.Throws<ArgumentException>(() => command.ExecuteScalar());
        Assert.Contains("DECIMAL(38,10)", tooWide.Message);
    }

    private static object?[] Row(string label, object? value, string duckdbType, string duckdbText, object? readBack = null) =>
        [label, value, duckdbType, duckdbText, readBack ?? SameAsValue];

    /// <summary>Runs <c>SELECT v, typeof(v), v::VARCHAR FROM (SELECT placeholder AS v)</c> and checks its one row.</summary>
    private void SelectOne(string placeholder, object? value, Action<DuckDBDataReader> assert)
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = $"SELECT v, typeof(v), v::VARCHAR FROM (SELECT {placeholder} AS v)";
        command.Parameters.Add(placeholder == "$value" ? new DuckDBParameter("value", value) : new DuckDBParameter(value));
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        assert(reader);
        Assert.False(reader.Read());
    }
}
