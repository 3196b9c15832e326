using System.Globalization;

namespace OpenData.DuckDB.Tests.Types;

/// <summary>The typed getters' conversions beyond a column's own type, and their errors.</summary>
public class DuckDBDataReaderGetterTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    [Fact]
    public void GetInt32_throws_OverflowException_when_BIGINT_does_not_fit()
    {
        ReadOne("SELECT 3000000000::BIGINT, (-2147483648)::BIGINT", reader =>
        {
            var overflow = Assert.Throws<OverflowException>(() => reader.GetInt32(0));
            Assert.Contains("BIGINT", overflow.Message);
            Assert.Contains("3000000000", overflow.Message);
            Assert.Contains(nameof(Int32), overflow.Message);
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<int>(0));
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<int?>(0));
            Assert.Equal(int.MinValue, reader.GetInt32(1));
        });
    }

    [Fact]
    public void Narrowing_getters_throw_OverflowException_when_the_value_does_not_fit()
    {
        ReadOne("SELECT (-1)::TINYINT, 40000::INTEGER, 300::USMALLINT, (-1)::BIGINT, 170141183460469231731687303715884105727::HUGEINT, 1e300::DOUBLE", reader =>
        {
            Assert.Throws<OverflowException>(() => reader.GetByte(0));
            Assert.Throws<OverflowException>(() => reader.GetInt16(1));
            Assert.Throws<OverflowException>(() => reader.GetByte(2));
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<ulong>(3));
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<uint>(3));
            Assert.Throws<OverflowException>(() => reader.GetInt64(4));
            Assert.Throws<OverflowException>(() => reader.GetDecimal(5));
        });
    }

    [Fact]
    public void GetInt64_throws_OverflowException_naming_the_type_when_DECIMAL_does_not_fit()
    {
        ReadOne("SELECT 100000000000000000000::DECIMAL(38,0), (-2.75)::DECIMAL(9,2), 2147483648.5::DECIMAL(18,1)", reader =>
        {
            var overflow = Assert.Throws<OverflowException>(() => reader.GetInt64(0));
            Assert.Contains("DECIMAL(38,0)", overflow.Message);
            Assert.Contains(nameof(Int64), overflow.Message);
            Assert.Equal(-2L, reader.GetInt64(1));
            Assert.Equal(2147483648L, reader.GetInt64(2));
            Assert.Contains(nameof(Int32), Assert.Throws<OverflowException>(() => reader.GetInt32(2)).Message);
        });
    }

    [Fact]
    public void Widening_getters_return_the_value_when_the_target_holds_it()
    {
        ReadOne("SELECT (-7)::TINYINT, 65535::USMALLINT, 42::UBIGINT, 9223372036854775807::BIGINT, 2.5::DOUBLE, 1.25::FLOAT, true", reader =>
        {
            Assert.Equal(-7L, reader.GetInt64(0));
            Assert.Equal(-7, reader.GetInt32(0));
            Assert.Equal((short)-7, reader.GetFieldValue<short>(0));
            Assert.Equal(65535, reader.GetInt32(1));
            Assert.Equal(65535L, reader.GetFieldValue<long>(1));
            Assert.Equal((byte)42, reader.GetByte(2));
            Assert.Equal((Int128)long.MaxValue, reader.GetFieldValue<Int128>(3));
            Assert.Equal((decimal)long.MaxValue, reader.GetDecimal(3));
            Assert.Equal(2.5m, reader.GetDecimal(4));
            Assert.Equal(2.5f, reader.GetFloat(4));
            Assert.Equal(1.25, reader.GetDouble(5));
            Assert.Equal(1, reader.GetInt32(6));
        });
    }

    [Fact]
    public void GetInt64_throws_InvalidCastException_when_column_is_VARCHAR()
    {
        ReadOne("SELECT '42'", reader =>
        {
            var invalid = Assert.Throws<InvalidCastException>(() => reader.GetInt64(0));
            Assert.Contains("VARCHAR", invalid.Message);
            Assert.Contains(nameof(Int64), invalid.Message);
            Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));
            Assert.Throws<InvalidCastException>(() => reader.GetDouble(0));
            Assert.Throws<InvalidCastException>(() => reader.GetGuid(0));
            Assert.Throws<InvalidCastException>(() => reader.GetDateTime(0));
            Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<DateOnly>(0));
        });
    }

    [Fact]
    public void Getters_throw_InvalidCastException_when_the_type_has_no_such_conversion()
    {
        ReadOne("SELECT DATE '2024-01-01', uuid(), INTERVAL 1 DAY, 'x'::BLOB, 1::INTEGER", reader =>
        {
            Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));
            Assert.Throws<InvalidCastException>(() => reader.GetBoolean(0));
            Assert.Throws<InvalidCastException>(() => reader.GetInt64(2));
            Assert.Throws<InvalidCastException>(() => reader.GetDateTime(2));
            Assert.Throws<InvalidCastException>(() => reader.GetInt64(1));
            Assert.Throws<InvalidCastException>(() => reader.GetString(3));
            Assert.Throws<InvalidCastException>(() => reader.GetGuid(4));
            Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<DateTime>(4));
        });
    }

    public static TheoryData<string> Getters =>
    [
        "GetBoolean", "GetByte", "GetInt16", "GetInt32", "GetInt64", "GetFloat", "GetDouble", "GetDecimal", "GetString",
        "GetDateTime", "GetGuid", "GetChar", "GetBytes", "GetFieldValue<int>", "GetFieldValue<long>", "GetFieldValue<DateTime>",
        "GetFieldValue<Guid>", "GetFieldValue<TimeSpan>", "GetFieldValue<DateOnly>",
    ];

    [Theory]
    [MemberData(nameof(Getters))]
    public void Getter_throws_InvalidCastException_naming_the_column_when_the_value_is_NULL(string getter)
    {
        ReadOne("SELECT NULL::INTEGER AS n, NULL::VARCHAR AS s, NULL::DATE AS d, NULL::UUID AS u, NULL::INTERVAL AS i, NULL::BLOB AS b", reader =>
        {
            for (var ordinal = 0; ordinal < reader.FieldCount; ordinal++)
            {
                var column = ordinal;
                var invalid = Assert.Throws<InvalidCastException>(() => Call(reader, getter, column));
                Assert.Contains($"'{reader.GetName(column)}'", invalid.Message);
            }
        });
    }

    [Fact]
    public void Getters_throw_InvalidCastException_when_any_column_of_test_all_types_is_NULL()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT * FROM test_all_types() OFFSET 2";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var ordinal = i;
            Assert.True(reader.IsDBNull(ordinal));
            Assert.Throws<InvalidCastException>(() => reader.GetString(ordinal));
            Assert.Throws<InvalidCastException>(() => reader.GetInt64(ordinal));
            Assert.Throws<InvalidCastException>(() => reader.GetDouble(ordinal));
            Assert.Same(DBNull.Value, reader.GetFieldValue<object>(ordinal));
            Assert.Same(DBNull.Value, reader.GetFieldValue<DBNull>(ordinal));
        }
    }

    [Fact]
    public void GetFieldValue_returns_null_when_a_nullable_type_reads_NULL()
    {
        ReadOne("SELECT NULL::INTEGER, NULL::VARCHAR, NULL::TIMESTAMP, NULL::INTERVAL, NULL::DECIMAL(38,10), 7::INTEGER", reader =>
        {
            Assert.Null(reader.GetFieldValue<int?>(0));
            Assert.Null(reader.GetFieldValue<long?>(0));
            Assert.Null(reader.GetFieldValue<string?>(1));
            Assert.Null(reader.GetFieldValue<DateTime?>(2));
            Assert.Null(reader.GetFieldValue<TimeSpan?>(3));
            Assert.Null(reader.GetFieldValue<decimal?>(4));
            Assert.Equal(7, reader.GetFieldValue<int?>(5));
            Assert.Equal(7L, reader.GetFieldValue<long?>(5));
        });
    }

    [Fact]
    public void GetFieldValue_returns_midnight_when_DateTime_is_read_from_DATE()
    {
        ReadOne("SELECT DATE '2024-02-29', DATE '1969-07-20'", reader =>
        {
            Assert.Equal(new DateTime(2024, 2, 29), reader.GetFieldValue<DateTime>(0));
            Assert.Equal(new DateTime(1969, 7, 20), reader.GetDateTime(1));
            Assert.Equal(new DateTime(1969, 7, 20), reader.GetFieldValue<DateTime?>(1));
            Assert.Equal(new DateOnly(2024, 2, 29), reader.GetFieldValue<DateOnly>(0));
        });
    }

    [Fact]
    public void GetFieldValue_returns_the_time_of_day_when_TimeSpan_is_read_from_TIME()
    {
        ReadOne("SELECT TIME '13:14:15.123456', '23:59:59.123456789'::TIME_NS, TIME '24:00:00'", reader =>
        {
            Assert.Equal(new TimeSpan(0, 13, 14, 15, 123, 456), reader.GetFieldValue<TimeSpan>(0));
            Assert.Equal(new TimeOnly(13, 14, 15, 123, 456), reader.GetValue(0));
            Assert.Equal(new TimeSpan(0, 23, 59, 59, 123, 456).Add(TimeSpan.FromTicks(7)), reader.GetFieldValue<TimeSpan?>(1));
            Assert.Equal(TimeSpan.FromHours(24), reader.GetFieldValue<TimeSpan>(2));
            Assert.Contains("24:00:00", Assert.Throws<OverflowException>(() => reader.GetFieldValue<TimeOnly>(2)).Message);
        });
    }

    [Fact]
    public void GetFieldValue_returns_a_TimeSpan_when_INTERVAL_has_no_months()
    {
        ReadOne("SELECT INTERVAL '3 days 04:05:06.789', INTERVAL '-90 minutes', INTERVAL '1 month 1 day'", reader =>
        {
            Assert.Equal(new TimeSpan(3, 4, 5, 6, 789), reader.GetFieldValue<TimeSpan>(0));
            Assert.Equal(TimeSpan.FromMinutes(-90), reader.GetFieldValue<TimeSpan?>(1));
            Assert.Equal(new DuckDBInterval(1, 1, 0), reader.GetValue(2));
            Assert.Contains("month", Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<TimeSpan>(2)).Message);
        });
    }

    [Fact]
    public void GetDateTime_returns_the_DateTime_extremes_when_TIMESTAMP_is_at_DateTimes_edges()
    {
        ReadOne("SELECT TIMESTAMP '0001-01-01 00:00:00', TIMESTAMP '9999-12-31 23:59:59.999999', TIMESTAMPTZ '2024-05-06 07:08:09.5+02', " +
                "'1969-12-31 23:59:59.1234567'::TIMESTAMP_NS, epoch_ns('1969-12-31 23:59:59.1234567'::TIMESTAMP_NS)", reader =>
        {
            Assert.Equal(DateTime.MinValue, reader.GetDateTime(0));
            Assert.Equal(DateTime.MaxValue.AddTicks(-9), reader.GetDateTime(1));
            var instant = Assert.IsType<DateTimeOffset>(reader.GetValue(2));
            Assert.Equal(new DateTimeOffset(2024, 5, 6, 5, 8, 9, 500, TimeSpan.Zero), instant);
            Assert.Equal(TimeSpan.Zero, instant.Offset);
            Assert.Equal(DateTimeKind.Utc, reader.GetDateTime(2).Kind);
            Assert.Equal(DateTime.UnixEpoch.AddTicks(reader.GetInt64(4) / 100), reader.GetDateTime(3));
            Assert.Equal(new DateTimeOffset(DateTime.MinValue, TimeSpan.Zero), reader.GetFieldValue<DateTimeOffset>(0));
        });
    }

    [Fact]
    public void GetDecimal_returns_the_value_when_a_wide_decimal_fits_System_Decimal()
    {
        ReadOne("SELECT 12345.6789012345::DECIMAL(38,10), (-1)::DECIMAL(38,37), 0.1234567890123456789012345678901234567::DECIMAL(38,37), " +
                "0.10::DECIMAL(38,30), 0.1::DECIMAL(38,30)::VARCHAR", reader =>
        {
            Assert.Equal(12345.6789012345m, reader.GetDecimal(0));
            Assert.Equal(-1m, reader.GetDecimal(1));
            Assert.Throws<OverflowException>(() => reader.GetDecimal(2));
            Assert.Equal("0.1234567890123456789012345678901234567", reader.GetString(2));
            Assert.Equal(0.1m, reader.GetDecimal(3));
            Assert.Equal(reader.GetString(4), reader.GetString(3));
        });
    }

    [Fact]
    public void GetString_returns_DuckDBs_text_when_the_current_culture_formats_differently()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "fi-FI", "ar-SA", "th-TH", "de-DE" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
                ReadOne("SELECT d, d::VARCHAR, t, t::VARCHAR, tm, tm::VARCHAR, x, x::VARCHAR, f, f::VARCHAR FROM (SELECT DATE '2024-02-29' AS d, " +
                        "TIMESTAMP '2024-02-29 13:14:15.25' AS t, TIME '13:14:15.000125' AS tm, 1234.5::DECIMAL(9,2) AS x, (-12345678901234567890123456789)::HUGEINT AS f)", reader =>
                {
                    for (var i = 0; i < reader.FieldCount; i += 2)
                    {
                        Assert.Equal(reader.GetString(i + 1), reader.GetString(i));
                    }
                });
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Getters_throw_InvalidOperationException_when_there_is_no_current_row()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT 1 WHERE false";
        using var reader = command.ExecuteReader();
        Assert.Throws<InvalidOperationException>(() => reader.GetInt32(0));
        Assert.False(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    private void ReadOne(string sql, Action<DuckDBDataReader> assert)
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        assert(reader);
    }

    private static object? Call(DuckDBDataReader reader, string getter, int ordinal) => getter switch
    {
        "GetBoolean" => reader.GetBoolean(ordinal),
        "GetByte" => reader.GetByte(ordinal),
        "GetInt16" => reader.GetInt16(ordinal),
        "GetInt32" => reader.GetInt32(ordinal),
        "GetInt64" => reader.GetInt64(ordinal),
        "GetFloat" => reader.GetFloat(ordinal),
        "GetDouble" => reader.GetDouble(ordinal),
        "GetDecimal" => reader.GetDecimal(ordinal),
        "GetString" => reader.GetString(ordinal),
        "GetDateTime" => reader.GetDateTime(ordinal),
        "GetGuid" => reader.GetGuid(ordinal),
        "GetChar" => reader.GetChar(ordinal),
        "GetBytes" => reader.GetBytes(ordinal, 0, null, 0, 0),
        "GetFieldValue<int>" => reader.GetFieldValue<int>(ordinal),
        "GetFieldValue<long>" => reader.GetFieldValue<long>(ordinal),
        "GetFieldValue<DateTime>" => reader.GetFieldValue<DateTime>(ordinal),
        "GetFieldValue<Guid>" => reader.GetFieldValue<Guid>(ordinal),
        "GetFieldValue<TimeSpan>" => reader.GetFieldValue<TimeSpan>(ordinal),
        "GetFieldValue<DateOnly>" => reader.GetFieldValue<DateOnly>(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(getter), getter, null),
    };
}
