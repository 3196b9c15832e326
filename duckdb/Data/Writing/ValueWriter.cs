using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using OpenData.DuckDB.Native;

namespace OpenData.DuckDB.Writing;

/// <summary>
/// The one place where .NET values become DuckDB values, for parameters, the appender and list elements alike.
/// The generic entry point writes primitives without boxing; everything else goes through <see cref="WriteObject"/>.
/// </summary>
internal static class ValueWriter
{
    private const int UnixEpochDayNumber = 719162;
    private const int StackBufferLimit = 512;
    private static readonly Int128 MaxDecimal38 = Int128.Parse("100000000000000000000000000000000000000");

    public static void Write<T>(ValueSink sink, T value)
    {
        if (value is null) { sink.WriteNull(); return; }
        if (typeof(T) == typeof(bool)) { sink.WriteBoolean(Unsafe.As<T, bool>(ref value)); return; }
        if (typeof(T) == typeof(sbyte)) { sink.WriteInt8(Unsafe.As<T, sbyte>(ref value)); return; }
        if (typeof(T) == typeof(short)) { sink.WriteInt16(Unsafe.As<T, short>(ref value)); return; }
        if (typeof(T) == typeof(int)) { sink.WriteInt32(Unsafe.As<T, int>(ref value)); return; }
        if (typeof(T) == typeof(long)) { sink.WriteInt64(Unsafe.As<T, long>(ref value)); return; }
        if (typeof(T) == typeof(byte)) { sink.WriteUInt8(Unsafe.As<T, byte>(ref value)); return; }
        if (typeof(T) == typeof(ushort)) { sink.WriteUInt16(Unsafe.As<T, ushort>(ref value)); return; }
        if (typeof(T) == typeof(uint)) { sink.WriteUInt32(Unsafe.As<T, uint>(ref value)); return; }
        if (typeof(T) == typeof(ulong)) { sink.WriteUInt64(Unsafe.As<T, ulong>(ref value)); return; }
        if (typeof(T) == typeof(Int128)) { sink.WriteHugeInt(Unsafe.As<T, Int128>(ref value)); return; }
        if (typeof(T) == typeof(UInt128)) { sink.WriteUHugeInt(Unsafe.As<T, UInt128>(ref value)); return; }
        if (typeof(T) == typeof(float)) { sink.WriteFloat(Unsafe.As<T, float>(ref value)); return; }
        if (typeof(T) == typeof(double)) { sink.WriteDouble(Unsafe.As<T, double>(ref value)); return; }
        if (typeof(T) == typeof(decimal)) { sink.WriteValue(CreateDecimal(Unsafe.As<T, decimal>(ref value))); return; }
        if (typeof(T) == typeof(DateTime)) { sink.WriteTimestamp(ToMicros(Unsafe.As<T, DateTime>(ref value))); return; }
        if (typeof(T) == typeof(DateTimeOffset)) { sink.WriteValue(NativeMethods.Value.CreateTimestampTz(ToMicros(Unsafe.As<T, DateTimeOffset>(ref value).UtcDateTime))); return; }
        if (typeof(T) == typeof(DateOnly)) { sink.WriteDate(Unsafe.As<T, DateOnly>(ref value).DayNumber - UnixEpochDayNumber); return; }
        if (typeof(T) == typeof(TimeOnly)) { sink.WriteTime(Unsafe.As<T, TimeOnly>(ref value).Ticks / TimeSpan.TicksPerMicrosecond); return; }
        if (typeof(T) == typeof(TimeSpan)) { sink.WriteInterval(ToInterval(DuckDBInterval.FromTimeSpan(Unsafe.As<T, TimeSpan>(ref value)))); return; }
        if (typeof(T) == typeof(DuckDBInterval)) { sink.WriteInterval(ToInterval(Unsafe.As<T, DuckDBInterval>(ref value))); return; }
        if (typeof(T) == typeof(Guid)) { sink.WriteValue(CreateUuid(Unsafe.As<T, Guid>(ref value))); return; }
        WriteObject(sink, value);
    }

    public static void WriteObject(ValueSink sink, object? value)
    {
        switch (value)
        {
            case null or DBNull: sink.WriteNull(); break;
            case bool v: Write(sink, v); break;
            case sbyte v: Write(sink, v); break;
            case short v: Write(sink, v); break;
            case int v: Write(sink, v); break;
            case long v: Write(sink, v); break;
            case byte v: Write(sink, v); break;
            case ushort v: Write(sink, v); break;
            case uint v: Write(sink, v); break;
            case ulong v: Write(sink, v); break;
            case Int128 v: Write(sink, v); break;
            case UInt128 v: Write(sink, v); break;
            case BigInteger v: Write(sink, (Int128)v); break;
            case float v: Write(sink, v); break;
            case double v: Write(sink, v); break;
            case decimal v: Write(sink, v); break;
            case DateTime v: Write(sink, v); break;
            case DateTimeOffset v: Write(sink, v); break;
            case DateOnly v: Write(sink, v); break;
            case TimeOnly v: Write(sink, v); break;
            case TimeSpan v: Write(sink, v); break;
            case DuckDBInterval v: Write(sink, v); break;
            case Guid v: Write(sink, v); break;
            case string v: WriteString(sink, v); break;
            case char v: WriteString(sink, v.ToString()); break;
            case char[] v: WriteString(sink, new string(v)); break;
            case byte[] v: sink.WriteBlob(v); break;
            case ReadOnlyMemory<byte> v: sink.WriteBlob(v.Span); break;
            case Memory<byte> v: sink.WriteBlob(v.Span); break;
            case Enum v: WriteObject(sink, Convert.ChangeType(v, v.GetTypeCode())); break;
            case IEnumerable v: sink.WriteValue(CreateList(v)); break;
            default: throw new NotSupportedException(string.Format(DuckDBStrings.ValueTypeNotSupported, value.GetType()));
        }
    }

    public static void WriteString(ValueSink sink, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = length <= StackBufferLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            sink.WriteVarchar(buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A duckdb_value for one .NET value, e.g. a list element.</summary>
    public static ValueHandle CreateValue(object? value)
    {
        var sink = new ValueHandleSink();
        WriteObject(sink, value);
        return sink.Result;
    }

    private static long ToMicros(DateTime value) => (value.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    private static DuckDBIntervalT ToInterval(DuckDBInterval value) =>
        new() { Months = value.Months, Days = value.Days, Micros = value.Micros };

    private static ValueHandle CreateDecimal(decimal value) => CreateDecimal(value, value.Scale);

    /// <summary>A DECIMAL(38, scale); scale is at least the value's own, so that list elements can share one type.</summary>
    private static ValueHandle CreateDecimal(decimal value, byte scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        for (var s = value.Scale; s < scale; s++)
        {
            magnitude = magnitude < MaxDecimal38 / 10
                ? magnitude * 10
                : throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, DuckDBStrings.DecimalScaleTooLarge, value, scale));
        }

        return NativeMethods.Value.CreateDecimal(new DuckDBDecimal
        {
            Width = 38,
            Scale = scale,
            Value = new DuckDBHugeInt(value < 0 ? -magnitude : magnitude),
        });
    }

    private static ValueHandle CreateUuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return NativeMethods.Value.CreateUuid(new DuckDBUHugeInt
        {
            // duckdb_create_uuid takes the UUID's plain 128 bits and flips the top bit itself for storage.
            Upper = BinaryPrimitives.ReadUInt64BigEndian(bytes),
            Lower = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        });
    }

    private static ValueHandle CreateList(IEnumerable elements) => CreateList(elements, MaxDecimalScale(elements));

    /// <summary>
    /// A LIST whose child type is its first non-NULL element's; DuckDB casts the others to it. Decimals at any depth
    /// are therefore all written at the largest scale among them, or DECIMAL(38,1) would round 2.25 to 2.3.
    /// </summary>
    private static unsafe ValueHandle CreateList(IEnumerable elements, byte? decimalScale)
    {
        var values = elements.Cast<object?>().Select(element => element switch
        {
            decimal value when decimalScale is { } scale => CreateDecimal(value, scale),
            IEnumerable nested when decimalScale is not null && IsList(nested) => CreateList(nested, decimalScale),
            _ => CreateValue(element),
        }).ToList();
        try
        {
            var typed = values.FirstOrDefault(v => NativeMethods.LogicalType.GetTypeId(NativeMethods.Value.GetValueType(v)) != DuckDBType.SqlNull);
            using var declared = typed is null ? NativeMethods.LogicalType.CreateLogicalType(ListElementType(elements.GetType())) : null;
            var childType = typed is null ? declared!.DangerousGetHandle() : NativeMethods.Value.GetValueType(typed);
            var pointers = values.Select(v => v.DangerousGetHandle()).ToArray();

            // duckdb_create_list_value rejects a NULL array, which is what fixed gives for an empty one.
            fixed (IntPtr* first = pointers.Length > 0 ? pointers : [IntPtr.Zero])
            {
                var list = NativeMethods.Value.CreateListValue(childType, first, (ulong)pointers.Length);
                return list.IsInvalid
                    ? throw new ArgumentException(DuckDBStrings.ListElementsDiffer)
                    : list;
            }
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private static bool IsList(IEnumerable value) => value is not (string or char[] or byte[]);

    private static byte? MaxDecimalScale(IEnumerable elements)
    {
        byte? max = null;
        foreach (var element in elements)
        {
            var scale = element switch
            {
                decimal value => value.Scale,
                IEnumerable nested when IsList(nested) => MaxDecimalScale(nested),
                _ => null,
            };
            max = scale > (max ?? -1) ? scale : max;
        }

        return max;
    }

    private static DuckDBType ListElementType(Type listType)
    {
        var element = listType.IsArray
            ? listType.GetElementType()
            : listType.GetInterfaces().Append(listType)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        element = element is null ? null : Nullable.GetUnderlyingType(element) ?? element;
        return Type.GetTypeCode(element) switch
        {
            TypeCode.Boolean => DuckDBType.Boolean,
            TypeCode.SByte => DuckDBType.TinyInt,
            TypeCode.Int16 => DuckDBType.SmallInt,
            TypeCode.Int32 => DuckDBType.Integer,
            TypeCode.Int64 => DuckDBType.BigInt,
            TypeCode.Byte => DuckDBType.UTinyInt,
            TypeCode.UInt16 => DuckDBType.USmallInt,
            TypeCode.UInt32 => DuckDBType.UInteger,
            TypeCode.UInt64 => DuckDBType.UBigInt,
            TypeCode.Single => DuckDBType.Float,
            TypeCode.Double => DuckDBType.Double,
            TypeCode.DateTime => DuckDBType.Timestamp,
            _ when element == typeof(Guid) => DuckDBType.Uuid,
            _ when element == typeof(DateOnly) => DuckDBType.Date,
            _ => DuckDBType.Varchar,
        };
    }
}
