using System.Collections;
using System.Data.SqlTypes;
using System.Globalization;
using System.Text;

namespace OpenData.DuckDB.Tests.Types;

/// <summary>
/// DuckDB's test_all_types() as the oracle: row 0 holds every type's minimum, row 1 its maximum and row 2 NULL.
/// Expected values come from DuckDB itself in the same query (CAST AS VARCHAR, to_json, epoch_ns, hex, …) or,
/// where DuckDB's range is exactly a .NET type's range, from that type's MinValue and MaxValue.
/// </summary>
public class DuckDBDataReaderAllTypesTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    private const int MinRow = 0;
    private const int MaxRow = 1;
    private const int NullRow = 2;

    public static TheoryData<string, Type, object, object> NumericColumns => new()
    {
        { "bool", typeof(bool), false, true },
        { "tinyint", typeof(sbyte), sbyte.MinValue, sbyte.MaxValue },
        { "smallint", typeof(short), short.MinValue, short.MaxValue },
        { "int", typeof(int), int.MinValue, int.MaxValue },
        { "bigint", typeof(long), long.MinValue, long.MaxValue },
        { "hugeint", typeof(Int128), Int128.MinValue, Int128.MaxValue },
        { "uhugeint", typeof(UInt128), UInt128.MinValue, UInt128.MaxValue },
        { "utinyint", typeof(byte), byte.MinValue, byte.MaxValue },
        { "usmallint", typeof(ushort), ushort.MinValue, ushort.MaxValue },
        { "uint", typeof(uint), uint.MinValue, uint.MaxValue },
        { "ubigint", typeof(ulong), ulong.MinValue, ulong.MaxValue },
        { "float", typeof(float), float.MinValue, float.MaxValue },
        { "double", typeof(double), double.MinValue, double.MaxValue },
    };

    [Theory]
    [MemberData(nameof(NumericColumns))]
    public void GetValue_returns_the_clr_types_extremes_when_column_is_numeric(string column, Type clrType, object min, object max)
    {
        ForEachRow($"\"{column}\"", (reader, row) =>
        {
            Assert.Equal(clrType, reader.GetFieldType(0));
            switch (row)
            {
                case MinRow: Assert.Equal(min, reader.GetValue(0)); break;
                case MaxRow: Assert.Equal(max, reader.GetValue(0)); break;
                default: AssertNull(reader); break;
            }
        });
    }

    /// <remarks>FLOAT and DOUBLE are left out: .NET and DuckDB spell exponents differently (E+38, e+38).</remarks>
    [Theory]
    [InlineData("bool")]
    [InlineData("tinyint")]
    [InlineData("smallint")]
    [InlineData("int")]
    [InlineData("bigint")]
    [InlineData("hugeint")]
    [InlineData("uhugeint")]
    [InlineData("utinyint")]
    [InlineData("usmallint")]
    [InlineData("uint")]
    [InlineData("ubigint")]
    public void GetString_matches_DuckDBs_cast_to_VARCHAR_when_column_is_integer_or_boolean(string column)
    {
        ForEachRow($"\"{column}\", \"{column}\"::VARCHAR", (reader, row) =>
        {
            if (row != NullRow)
            {
                Assert.Equal(reader.GetString(1), reader.GetString(0));
            }
        });
    }

    [Fact]
    public void GetFieldValue_returns_the_extremes_when_read_as_the_columns_own_type()
    {
        AssertExtremes("bool", false, true);
        AssertExtremes("tinyint", sbyte.MinValue, sbyte.MaxValue);
        AssertExtremes("smallint", short.MinValue, short.MaxValue);
        AssertExtremes("int", int.MinValue, int.MaxValue);
        AssertExtremes("bigint", long.MinValue, long.MaxValue);
        AssertExtremes("hugeint", Int128.MinValue, Int128.MaxValue);
        AssertExtremes("uhugeint", UInt128.MinValue, UInt128.MaxValue);
        AssertExtremes("utinyint", byte.MinValue, byte.MaxValue);
        AssertExtremes("usmallint", ushort.MinValue, ushort.MaxValue);
        AssertExtremes("uint", uint.MinValue, uint.MaxValue);
        AssertExtremes("ubigint", ulong.MinValue, ulong.MaxValue);
        AssertExtremes("float", float.MinValue, float.MaxValue);
        AssertExtremes("double", double.MinValue, double.MaxValue);
    }

    [Fact]
    public void Typed_getters_return_the_extremes_when_the_getter_matches_the_column()
    {
        ForEachRow("bool, smallint, int, bigint, utinyint, float, double", (reader, row) =>
        {
            if (row == NullRow)
            {
                return;
            }

            var max = row == MaxRow;
            Assert.Equal(max, reader.GetBoolean(0));
            Assert.Equal(max ? short.MaxValue : short.MinValue, reader.GetInt16(1));
            Assert.Equal(max ? int.MaxValue : int.MinValue, reader.GetInt32(2));
            Assert.Equal(max ? long.MaxValue : long.MinValue, reader.GetInt64(3));
            Assert.Equal(max ? byte.MaxValue : byte.MinValue, reader.GetByte(4));
            Assert.Equal(max ? float.MaxValue : float.MinValue, reader.GetFloat(5));
            Assert.Equal(max ? double.MaxValue : double.MinValue, reader.GetDouble(6));
        });
    }

    [Theory]
    [InlineData("dec_4_1", "DECIMAL(4,1)")]
    [InlineData("dec_9_4", "DECIMAL(9,4)")]
    [InlineData("dec_18_6", "DECIMAL(18,6)")]
    public void GetDecimal_returns_the_exact_value_when_the_decimal_fits_System_Decimal(string column, string typeName)
    {
        ForEachRow($"{column}, {column}::VARCHAR, {column}::DOUBLE", (reader, row) =>
        {
            Assert.Equal(typeName, reader.GetDataTypeName(0));
            Assert.Equal(typeof(decimal), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var text = reader.GetString(1);
            Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), reader.GetDecimal(0));
            Assert.Equal(text, reader.GetDecimal(0).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(reader.GetDecimal(0), reader.GetValue(0));
            Assert.Equal(reader.GetDecimal(0), reader.GetFieldValue<decimal>(0));
            Assert.Equal(text, reader.GetString(0));
            Assert.Equal(text, reader.GetFieldValue<SqlDecimal>(0).ToString());
            Assert.Equal(reader.GetDouble(2), reader.GetDouble(0));
        });
    }

    [Fact]
    public void GetDecimal_throws_OverflowException_when_DECIMAL_38_10_exceeds_System_Decimal()
    {
        ForEachRow("dec38_10, dec38_10::VARCHAR, dec38_10::DOUBLE", (reader, row) =>
        {
            Assert.Equal("DECIMAL(38,10)", reader.GetDataTypeName(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var text = reader.GetString(1);
            var overflow = Assert.Throws<OverflowException>(() => reader.GetDecimal(0));
            Assert.Contains("DECIMAL(38,10)", overflow.Message);
            Assert.Contains(text, overflow.Message);
            Assert.Contains("SqlDecimal", overflow.Message);
            Assert.Throws<OverflowException>(() => reader.GetValue(0));
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<decimal>(0));
            Assert.Throws<OverflowException>(() => reader.GetInt64(0));

            var exact = reader.GetFieldValue<SqlDecimal>(0);
            Assert.Equal(text, exact.ToString());
            Assert.Equal(38, exact.Precision);
            Assert.Equal(10, exact.Scale);
            Assert.Equal(text, reader.GetString(0));
            var duckdbDouble = reader.GetDouble(2);
            Assert.Equal(duckdbDouble, reader.GetDouble(0), Math.Abs(duckdbDouble) * 1e-15);
        });
    }

    [Fact]
    public void GetString_returns_DuckDBs_utf8_text_when_column_is_VARCHAR()
    {
        ForEachRow("varchar, encode(varchar), strlen(varchar), varchar::VARCHAR", (reader, row) =>
        {
            Assert.Equal(typeof(string), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var utf8 = reader.GetFieldValue<byte[]>(1);
            var text = reader.GetString(0);
            Assert.Equal(Encoding.UTF8.GetString(utf8), text);
            Assert.Equal(reader.GetInt64(2), Encoding.UTF8.GetByteCount(text));
            Assert.Equal(reader.GetString(3), text);
            Assert.Equal(text, reader.GetValue(0));
            Assert.Equal(text, reader.GetFieldValue<string>(0));
            Assert.Equal(text.ToCharArray(), reader.GetFieldValue<char[]>(0));

            var bytes = new byte[reader.GetBytes(0, 0, null, 0, 0)];
            Assert.Equal(bytes.Length, reader.GetBytes(0, 0, bytes, 0, bytes.Length));
            Assert.Equal(utf8, bytes);
        });
    }

    [Fact]
    public void GetValue_returns_DuckDBs_bytes_when_column_is_BLOB()
    {
        ForEachRow("blob, hex(blob), octet_length(blob)", (reader, row) =>
        {
            Assert.Equal(typeof(byte[]), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var bytes = Assert.IsType<byte[]>(reader.GetValue(0));
            Assert.Equal(reader.GetString(1), Convert.ToHexString(bytes));
            Assert.Equal(reader.GetInt64(2), bytes.Length);
            Assert.Equal(bytes, reader.GetFieldValue<byte[]>(0));

            using var stream = reader.GetStream(0);
            var streamed = new MemoryStream();
            stream.CopyTo(streamed);
            Assert.Equal(bytes, streamed.ToArray());

            var pieces = new List<byte>();
            var buffer = new byte[3];
            for (long offset = 0, read; (read = reader.GetBytes(0, offset, buffer, 0, buffer.Length)) > 0; offset += read)
            {
                pieces.AddRange(buffer.Take((int)read));
            }

            Assert.Equal(bytes, pieces);
            Assert.Throws<InvalidCastException>(() => reader.GetString(0));
        });
    }

    [Theory]
    [InlineData("small_enum")]
    [InlineData("medium_enum")]
    [InlineData("large_enum")]
    public void GetString_returns_the_member_name_when_column_is_ENUM(string column)
    {
        ForEachRow($"{column}, {column}::VARCHAR, enum_code({column})", (reader, row) =>
        {
            Assert.Equal(DuckDBType.Enum, reader.GetDuckDBType(0));
            Assert.Equal(typeof(string), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            Assert.Equal(reader.GetString(1), reader.GetString(0));
            Assert.Equal(reader.GetString(1), reader.GetValue(0));
            Assert.Equal(reader.GetInt64(2), reader.GetInt64(0));
        });
    }

    [Theory]
    [InlineData(300)]
    [InlineData(70_000)]
    public void GetString_returns_the_member_name_when_ENUM_codes_need_16_or_32_bits(int members)
    {
        using (var create = db.Connection.CreateCommand())
        {
            create.CommandText = $"CREATE TYPE IF NOT EXISTS all_types_enum_{members} AS ENUM (SELECT 'member_' || i FROM range({members}) t(i))";
            create.ExecuteNonQuery();
        }

        using var command = db.Connection.CreateCommand();
        command.CommandText = $"SELECT e, e::VARCHAR, enum_code(e) FROM (SELECT ('member_' || i)::all_types_enum_{members} AS e FROM range({members}) t(i))";
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            Assert.Equal(reader.GetString(1), reader.GetString(0));
            Assert.Equal(reader.GetFieldValue<long>(2), reader.GetInt64(0));
            rows++;
        }

        Assert.Equal(members, rows);
    }

    [Fact]
    public void GetValue_throws_OverflowException_when_DATE_is_beyond_DateOnly()
    {
        ForEachRow("date, date::VARCHAR", (reader, row) =>
        {
            Assert.Equal(typeof(DateOnly), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var overflow = Assert.Throws<OverflowException>(() => reader.GetValue(0));
            Assert.Contains("DATE", overflow.Message);
            Assert.Contains(nameof(DateOnly), overflow.Message);
            Assert.Contains("VARCHAR", overflow.Message);
            Assert.Throws<OverflowException>(() => reader.GetDateTime(0));
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<DateOnly>(0));
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<DateTime>(0));
            Assert.NotEmpty(reader.GetString(1));
        });
    }

    [Fact]
    public void GetValue_returns_DateOnly_extremes_when_DATE_is_at_the_edges_of_DateOnly()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT DATE '0001-01-01', DATE '9999-12-31', DATE '0001-01-01' - 1, DATE '9999-12-31' + 1, DATE 'infinity'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(DateOnly.MinValue, reader.GetValue(0));
        Assert.Equal(DateOnly.MaxValue, reader.GetFieldValue<DateOnly>(1));
        Assert.Equal(DateTime.MinValue, reader.GetDateTime(0));
        Assert.Equal(DateOnly.MaxValue.ToDateTime(TimeOnly.MinValue), reader.GetDateTime(1));
        Assert.Throws<OverflowException>(() => reader.GetValue(2));
        Assert.Throws<OverflowException>(() => reader.GetValue(3));
        Assert.Contains("infinity", Assert.Throws<OverflowException>(() => reader.GetValue(4)).Message);
    }

    [Theory]
    [InlineData("time", "TIME")]
    [InlineData("time_ns", "TIME_NS")]
    public void GetValue_throws_OverflowException_when_TIME_is_24_00_00(string column, string typeName)
    {
        var nanos = column == "time" ? $"epoch_us({column}) * 1000" : $"epoch_ns({column})";
        ForEachRow($"{column}, {column}::VARCHAR, {nanos}", (reader, row) =>
        {
            Assert.Equal(typeName, reader.GetDataTypeName(0));
            Assert.Equal(typeof(TimeOnly), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var time = TimeSpan.FromTicks(reader.GetInt64(2) / 100);
            Assert.Equal(time, reader.GetFieldValue<TimeSpan>(0));
            Assert.Equal(reader.GetString(1), reader.GetString(0));
            if (row == MinRow)
            {
                Assert.Equal(TimeOnly.MinValue, reader.GetValue(0));
                Assert.Equal(TimeOnly.FromTimeSpan(time), reader.GetFieldValue<TimeOnly>(0));
                return;
            }

            Assert.Equal(TimeSpan.FromDays(1), time);
            var overflow = Assert.Throws<OverflowException>(() => reader.GetValue(0));
            Assert.Contains(typeName, overflow.Message);
            Assert.Contains(nameof(TimeOnly), overflow.Message);
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<TimeOnly>(0));
        });
    }

    [Theory]
    [InlineData("timestamp", "TIMESTAMP", "epoch_us(timestamp)")]
    [InlineData("timestamp_s", "TIMESTAMP_S", "epoch(timestamp_s)::BIGINT")]
    [InlineData("timestamp_ms", "TIMESTAMP_MS", "epoch_ms(timestamp_ms)")]
    [InlineData("timestamp_tz", "TIMESTAMP WITH TIME ZONE", "epoch_us(timestamp_tz)")]
    public void GetDateTime_throws_OverflowException_when_TIMESTAMP_is_beyond_DateTime(string column, string typeName, string rawUnits)
    {
        ForEachRow($"{column}, {rawUnits}", (reader, row) =>
        {
            Assert.Equal(typeName, reader.GetDataTypeName(0));
            Assert.Equal(column == "timestamp_tz" ? typeof(DateTimeOffset) : typeof(DateTime), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var overflow = Assert.Throws<OverflowException>(() => reader.GetValue(0));
            Assert.Contains(typeName, overflow.Message);
            Assert.Contains(nameof(DateTime), overflow.Message);
            Assert.Throws<OverflowException>(() => reader.GetDateTime(0));
            Assert.Throws<OverflowException>(() => reader.GetFieldValue<DateTimeOffset>(0));
            Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
        });
    }

    [Fact]
    public void GetDateTime_returns_the_instant_truncated_to_ticks_when_column_is_TIMESTAMP_NS()
    {
        ForEachRow("timestamp_ns, epoch_ns(timestamp_ns)", (reader, row) =>
        {
            Assert.Equal(typeof(DateTime), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var nanos = reader.GetInt64(1);
            var expected = new DateTime(DateTime.UnixEpoch.Ticks + nanos / 100, DateTimeKind.Unspecified);
            Assert.Equal(expected, reader.GetDateTime(0));
            var value = Assert.IsType<DateTime>(reader.GetValue(0));
            Assert.Equal(expected, value);
            Assert.Equal(DateTimeKind.Unspecified, value.Kind);
            Assert.Equal(new DateTimeOffset(expected, TimeSpan.Zero), reader.GetFieldValue<DateTimeOffset>(0));
            Assert.Equal(nanos, reader.GetInt64(0));
        });
    }

    [Fact]
    public void GetValue_returns_months_days_and_micros_when_column_is_INTERVAL()
    {
        const string parts = "datepart('year', interval) * 12 + datepart('month', interval), datepart('day', interval), " +
            "datepart('hour', interval) * 3600000000 + datepart('minute', interval) * 60000000 + datepart('microseconds', interval)";
        ForEachRow($"interval, {parts}", (reader, row) =>
        {
            Assert.Equal(typeof(DuckDBInterval), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var expected = new DuckDBInterval((int)reader.GetInt64(1), (int)reader.GetInt64(2), reader.GetInt64(3));
            Assert.Equal(expected, reader.GetValue(0));
            Assert.Equal(expected, reader.GetFieldValue<DuckDBInterval>(0));
            if (expected.Months == 0)
            {
                Assert.Equal(TimeSpan.FromDays(expected.Days) + TimeSpan.FromMicroseconds(expected.Micros), reader.GetFieldValue<TimeSpan>(0));
            }
            else
            {
                Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<TimeSpan>(0));
            }
        });
    }

    [Fact]
    public void GetGuid_returns_DuckDBs_uuid_when_column_is_UUID()
    {
        ForEachRow("uuid, uuid::VARCHAR", (reader, row) =>
        {
            Assert.Equal(typeof(Guid), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            Assert.Equal(row == MinRow ? Guid.Empty : Guid.AllBitsSet, reader.GetGuid(0));
            Assert.Equal(Guid.Parse(reader.GetString(1)), reader.GetValue(0));
            Assert.Equal(reader.GetString(1), reader.GetString(0));
        });
    }

    [Fact]
    public void GetGuid_returns_DuckDBs_uuid_when_uuids_are_random()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT u, u::VARCHAR FROM (SELECT gen_random_uuid() AS u FROM range(3000))";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Assert.Equal(reader.GetString(1), reader.GetGuid(0).ToString());
        }
    }

    [Theory]
    [InlineData("int_array", typeof(List<int?>))]
    [InlineData("varchar_array", typeof(List<string>))]
    [InlineData("nested_int_array", typeof(List<List<int?>>))]
    [InlineData("struct", typeof(Dictionary<string, object?>))]
    [InlineData("struct_of_arrays", typeof(Dictionary<string, object?>))]
    [InlineData("array_of_structs", typeof(List<Dictionary<string, object?>>))]
    [InlineData("map", typeof(Dictionary<string, string>))]
    [InlineData("fixed_int_array", typeof(List<int?>))]
    [InlineData("fixed_varchar_array", typeof(List<string>))]
    [InlineData("fixed_nested_int_array", typeof(List<List<int?>>))]
    [InlineData("fixed_nested_varchar_array", typeof(List<List<string>>))]
    [InlineData("fixed_struct_array", typeof(List<Dictionary<string, object?>>))]
    [InlineData("struct_of_fixed_array", typeof(Dictionary<string, object?>))]
    [InlineData("fixed_array_of_int_list", typeof(List<List<int?>>))]
    [InlineData("list_of_fixed_int_array", typeof(List<List<int?>>))]
    public void GetValue_returns_DuckDBs_nested_value_when_column_is_LIST_ARRAY_STRUCT_or_MAP(string column, Type clrType)
    {
        ForEachRow($"{column}, to_json({column}), typeof({column})", (reader, row) =>
        {
            Assert.Equal(clrType, reader.GetFieldType(0));
            Assert.Equal(reader.GetString(2), reader.GetDataTypeName(0));
            Assert.Equal(row == NullRow, reader.IsDBNull(0));
            var value = reader.GetValue(0);
            if (row != NullRow)
            {
                Assert.IsType(clrType, value);
            }

            DuckDBJsonOracle.AssertSameAsDuckDB(reader.IsDBNull(1) ? null : reader.GetString(1), value);
        });
    }

    [Fact]
    public void GetValue_returns_NaN_and_infinities_when_DOUBLE_list_holds_them()
    {
        ForEachRow("double_array, list_transform(double_array, x -> x::VARCHAR)", (reader, row) =>
        {
            Assert.Equal(typeof(List<double?>), reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var texts = reader.GetFieldValue<List<string>>(1);
            var expected = texts.Select(text => text switch
            {
                null => (double?)null,
                "nan" or "-nan" => double.NaN,
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => double.Parse(text, CultureInfo.InvariantCulture),
            });
            Assert.Equal(expected, reader.GetFieldValue<List<double?>>(0));
        });
    }

    [Theory]
    [InlineData("date_array", "DATE", typeof(List<DateOnly?>))]
    [InlineData("timestamp_array", "TIMESTAMP", typeof(List<DateTime?>))]
    [InlineData("timestamptz_array", "TIMESTAMP WITH TIME ZONE", typeof(List<DateTimeOffset?>))]
    public void GetValue_throws_OverflowException_when_temporal_list_holds_infinity(string column, string typeName, Type clrType)
    {
        var micros = column == "date_array" ? "(x - DATE '1970-01-01') * 86400000000" : "epoch_us(x)";
        ForEachRow($"{column}, list_transform(list_filter({column}, x -> x IS NULL OR isfinite(x)), x -> {micros}), list_filter({column}, x -> x IS NULL OR isfinite(x))", (reader, row) =>
        {
            Assert.Equal(clrType, reader.GetFieldType(0));
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var finite = reader.GetFieldValue<List<long?>>(1);
            var expected = finite.Select(us => us is null ? null : (object)DateTime.UnixEpoch.AddTicks(us.Value * TimeSpan.TicksPerMicrosecond)).ToList();
            var read = ((IList)reader.GetValue(2)).Cast<object?>().Select(value => value switch
            {
                DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                DateTimeOffset instant => instant.UtcDateTime,
                _ => value,
            }).ToList();
            Assert.Equal(expected, read);

            if (row == MinRow)
            {
                var empty = reader.GetValue(0);
                Assert.IsType(clrType, empty);
                Assert.Empty((IList)empty);
                return;
            }

            var overflow = Assert.Throws<OverflowException>(() => reader.GetValue(0));
            Assert.Contains(typeName, overflow.Message);
            Assert.Contains("infinity", overflow.Message);
        });
    }

    [Theory]
    [InlineData("bignum")]
    [InlineData("bit")]
    [InlineData("union")]
    [InlineData("time_tz")]
    [InlineData("geometry")]
    public void GetValue_throws_NotSupportedException_when_the_binding_does_not_read_the_type(string column)
    {
        ForEachRow($"\"{column}\", \"{column}\"::VARCHAR", (reader, row) =>
        {
            if (row == NullRow)
            {
                AssertNull(reader);
                return;
            }

            var unsupported = Assert.Throws<NotSupportedException>(() => reader.GetValue(0));
            Assert.Contains(reader.GetDataTypeName(0), unsupported.Message);
            Assert.Contains("VARCHAR", unsupported.Message);
            Assert.NotEmpty(reader.GetString(1));
        });
    }

    [Fact]
    public void GetDataTypeName_matches_DuckDBs_typeof_when_the_type_is_read()
    {
        var columns = new List<(string Name, string TypeName, DuckDBType Type)>();
        ForEachRow("*", (reader, row) =>
        {
            for (var i = 0; row == MinRow && i < reader.FieldCount; i++)
            {
                columns.Add((reader.GetName(i), reader.GetDataTypeName(i), reader.GetDuckDBType(i)));
            }
        });

        var read = columns.Where(c => c.Type is not (DuckDBType.Enum or DuckDBType.BigNum or DuckDBType.Bit or DuckDBType.Union
            or DuckDBType.TimeTz or DuckDBType.Geometry)).ToList();
        using var command = db.Connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", read.Select(c => $"typeof(\"{c.Name}\")"))} FROM test_all_types() LIMIT 1";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var mismatches = new List<string>();
        for (var i = 0; i < read.Count; i++)
        {
            if (read[i].TypeName != reader.GetString(i))
            {
                mismatches.Add($"{read[i].Name}: binding says {read[i].TypeName}, DuckDB says {reader.GetString(i)}");
            }
        }

        Assert.Empty(mismatches);
        Assert.All(columns.Where(c => c.Type == DuckDBType.Enum), c => Assert.Equal("ENUM", c.TypeName));
    }

    [Fact]
    public void GetValue_returns_the_field_type_or_throws_overflow_or_not_supported_for_every_column()
    {
        ForEachRow("*", (reader, row) =>
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (row == NullRow)
                {
                    Assert.True(reader.IsDBNull(i), reader.GetName(i));
                    Assert.Same(DBNull.Value, reader.GetValue(i));
                    continue;
                }

                object value;
                try
                {
                    value = reader.GetValue(i);
                }
                catch (Exception e) when (e is OverflowException or NotSupportedException)
                {
                    continue;
                }

                Assert.False(reader.IsDBNull(i), reader.GetName(i));
                Assert.True(reader.GetFieldType(i).IsInstanceOfType(value), $"{reader.GetName(i)}: {value.GetType()} is not {reader.GetFieldType(i)}");
            }
        });
    }

    private void AssertExtremes<T>(string column, T min, T max) => ForEachRow($"\"{column}\"", (reader, row) =>
    {
        switch (row)
        {
            case MinRow: Assert.Equal(min, reader.GetFieldValue<T>(0)); break;
            case MaxRow: Assert.Equal(max, reader.GetFieldValue<T>(0)); break;
            default: Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<T>(0)); break;
        }
    });

    private static void AssertNull(DuckDBDataReader reader)
    {
        Assert.True(reader.IsDBNull(0));
        Assert.Same(DBNull.Value, reader.GetValue(0));
    }

    /// <summary>Runs <c>SELECT columns FROM test_all_types()</c> and checks each of its three rows.</summary>
    private void ForEachRow(string columns, Action<DuckDBDataReader, int> assert)
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM test_all_types()";
        using var reader = command.ExecuteReader();
        var row = 0;
        for (; reader.Read(); row++)
        {
            assert(reader, row);
        }

        Assert.Equal(3, row);
    }
}
