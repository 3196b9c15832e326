namespace OpenData.DuckDB.Tests;

public class DuckDBAppenderTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    [Fact]
    public void Append_inserts_a_million_rows()
    {
        Execute("CREATE OR REPLACE TABLE appended (id BIGINT, amount DOUBLE, label VARCHAR, issued_at TIMESTAMP, paid BOOLEAN)");
        var start = new DateTime(2024, 1, 1);

        using (var appender = db.Connection.CreateAppender("appended"))
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                appender.Append((long)i).Append(i * 0.5).Append("row " + i).Append(start.AddSeconds(i)).Append(i % 3 == 0).EndRow();
            }
        }

        using var reader = new DuckDBCommand("""
            SELECT count(*), sum(id), sum(amount), count(DISTINCT label), max(issued_at), count(*) FILTER (paid)
            FROM appended
            """, db.Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1_000_000L, reader.GetInt64(0));
        Assert.Equal(499_999_500_000m, reader.GetDecimal(1));
        Assert.Equal(249_999_750_000d, reader.GetDouble(2));
        Assert.Equal(1_000_000L, reader.GetInt64(3));
        Assert.Equal(start.AddSeconds(999_999), reader.GetDateTime(4));
        Assert.Equal(333_334L, reader.GetInt64(5));
    }

    [Fact]
    public void Append_writes_nulls_defaults_and_every_common_type()
    {
        Execute("""
            CREATE OR REPLACE TABLE typed (
              b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, u64 UBIGINT, h HUGEINT, f FLOAT, d DECIMAL(18,4),
              s VARCHAR, bl BLOB, dt DATE, t TIME, ts TIMESTAMP, tz TIMESTAMPTZ, iv INTERVAL, u UUID, l INTEGER[],
              dflt INTEGER DEFAULT 42)
            """);
        var id = Guid.NewGuid();
        var instant = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

        using (var appender = db.Connection.CreateAppender("typed"))
        {
            appender.Append(true).Append((sbyte)-8).Append((short)-16).Append(32).Append(ulong.MaxValue).Append(Int128.MinValue)
                .Append(1.5f).Append(-12345.6789m).Append("沪A12345").Append(new byte[] { 0, 1, 255 })
                .Append(new DateOnly(2024, 2, 29)).Append(new TimeOnly(23, 59, 59)).Append(new DateTime(2024, 2, 29, 12, 0, 0))
                .Append(instant).Append(new DuckDBInterval(1, 2, 3)).Append(id).Append(new List<int> { 1, 2 }).AppendDefault().EndRow();
            appender.AppendRow(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, DBNull.Value);
        }

        using var reader = new DuckDBCommand("SELECT * FROM typed", db.Connection).ExecuteReader();
        Assert.True(reader.Read());
        object[] expected =
        [
            true, (sbyte)-8, (short)-16, 32, ulong.MaxValue, Int128.MinValue, 1.5f, -12345.6789m, "沪A12345", new byte[] { 0, 1, 255 },
            new DateOnly(2024, 2, 29), new TimeOnly(23, 59, 59), new DateTime(2024, 2, 29, 12, 0, 0), instant,
            new DuckDBInterval(1, 2, 3), id, new List<int?> { 1, 2 }, 42,
        ];
        Assert.Equal(expected, Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue));
        Assert.True(reader.Read());
        Assert.All(Enumerable.Range(0, reader.FieldCount), ordinal => Assert.True(reader.IsDBNull(ordinal)));
    }

    [Fact]
    public void EndRow_with_missing_columns_discards_unflushed_rows_and_keeps_flushed_ones()
    {
        Execute("CREATE OR REPLACE TABLE two_columns (a INT, b INT); INSERT INTO two_columns VALUES (0, 0)");

        using (var appender = db.Connection.CreateAppender("two_columns"))
        {
            appender.Append(1).Append(1).EndRow();
            appender.Flush();
            appender.Append(2).Append(2).EndRow();
            var error = Assert.Throws<InvalidOperationException>(() => appender.Append(3).EndRow());
            Assert.Contains("1 of 2 columns", error.Message);
            Assert.Throws<InvalidOperationException>(() => appender.Append(4));
        }

        Assert.Equal(1, new DuckDBCommand("SELECT sum(a)::INT FROM two_columns", db.Connection).ExecuteScalar());
    }

    [Fact]
    public void Append_a_value_that_does_not_convert_throws_duckdb_error()
    {
        Execute("CREATE OR REPLACE TABLE numbers (n INT)");
        using var appender = db.Connection.CreateAppender("numbers");

        var error = Assert.Throws<DuckDBException>(() => appender.Append("not a number"));

        Assert.Contains("not a number", error.Message);
    }

    [Fact]
    public void CreateAppender_for_a_missing_table_throws_naming_it()
    {
        var error = Assert.Throws<DuckDBException>(() => db.Connection.CreateAppender("no_such_table"));

        Assert.Contains("no_such_table", error.Message);
    }

    private void Execute(string sql) => new DuckDBCommand(sql, db.Connection).ExecuteNonQuery();
}
