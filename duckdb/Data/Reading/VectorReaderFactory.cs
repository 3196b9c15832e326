using OpenData.DuckDB.Native;
using static OpenData.DuckDB.Native.NativeMethods;

namespace OpenData.DuckDB.Reading;

/// <summary>Picks the reader for a column from its logical type: the one switch over DuckDB's types.</summary>
internal static class VectorReaderFactory
{
    public static VectorReader Create(LogicalTypeHandle type)
    {
        var id = LogicalType.GetTypeId(type);
        return id switch
        {
            DuckDBType.Boolean => new BooleanVectorReader(),
            DuckDBType.TinyInt => new NumericVectorReader<sbyte>(id, "TINYINT"),
            DuckDBType.SmallInt => new NumericVectorReader<short>(id, "SMALLINT"),
            DuckDBType.Integer => new NumericVectorReader<int>(id, "INTEGER"),
            DuckDBType.BigInt => new NumericVectorReader<long>(id, "BIGINT"),
            DuckDBType.UTinyInt => new NumericVectorReader<byte>(id, "UTINYINT"),
            DuckDBType.USmallInt => new NumericVectorReader<ushort>(id, "USMALLINT"),
            DuckDBType.UInteger => new NumericVectorReader<uint>(id, "UINTEGER"),
            DuckDBType.UBigInt => new NumericVectorReader<ulong>(id, "UBIGINT"),
            DuckDBType.HugeInt => new NumericVectorReader<Int128>(id, "HUGEINT"),
            DuckDBType.UHugeInt => new NumericVectorReader<UInt128>(id, "UHUGEINT"),
            DuckDBType.Float => new NumericVectorReader<float>(id, "FLOAT"),
            DuckDBType.Double => new NumericVectorReader<double>(id, "DOUBLE"),
            DuckDBType.Decimal => new DecimalVectorReader(LogicalType.DecimalWidth(type), LogicalType.DecimalScale(type), LogicalType.DecimalInternalType(type)),
            DuckDBType.Varchar => new VarcharVectorReader(),
            DuckDBType.Blob => new BlobVectorReader(),
            DuckDBType.Date => new DateVectorReader(),
            DuckDBType.Time => new TimeVectorReader(id, ticksDivisor: 1, ticksMultiplier: TimeSpan.TicksPerMicrosecond),
            DuckDBType.TimeNs => new TimeVectorReader(id, ticksDivisor: 100, ticksMultiplier: 1),
            DuckDBType.Timestamp or DuckDBType.TimestampS or DuckDBType.TimestampMs or DuckDBType.TimestampNs
                or DuckDBType.TimestampTz or DuckDBType.TimestampTzNs => new TimestampVectorReader(id),
            DuckDBType.Interval => new IntervalVectorReader(),
            DuckDBType.Uuid => new UuidVectorReader(),
            DuckDBType.Enum => new EnumVectorReader(EnumMembers(type), LogicalType.EnumInternalType(type)),
            DuckDBType.List => new ListVectorReader(CreateChild(LogicalType.ListChildType(type))),
            DuckDBType.Array => new ArrayVectorReader(CreateChild(LogicalType.ArrayChildType(type)), LogicalType.ArraySize(type)),
            DuckDBType.Map => new MapVectorReader(CreateChild(LogicalType.MapKeyType(type)), CreateChild(LogicalType.MapValueType(type))),
            DuckDBType.Struct => CreateStruct(type),
            _ => new UnsupportedVectorReader(id),
        };
    }

    private static VectorReader CreateChild(LogicalTypeHandle child)
    {
        using (child)
        {
            return Create(child);
        }
    }

    private static StructVectorReader CreateStruct(LogicalTypeHandle type)
    {
        var count = (int)LogicalType.StructChildCount(type);
        var names = new string[count];
        var children = new VectorReader[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = LogicalType.StructChildName(type, (ulong)i);
            children[i] = CreateChild(LogicalType.StructChildType(type, (ulong)i));
        }

        return new StructVectorReader(names, children);
    }

    private static string[] EnumMembers(LogicalTypeHandle type)
    {
        var members = new string[LogicalType.EnumDictionarySize(type)];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = LogicalType.EnumDictionaryValue(type, (ulong)i);
        }

        return members;
    }
}
