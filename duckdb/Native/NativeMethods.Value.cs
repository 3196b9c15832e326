using System.Runtime.InteropServices;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE value: values for parameters and appends that have no typed bind or append function.</summary>
    public static unsafe partial class Value
    {
        [LibraryImport(Library, EntryPoint = "duckdb_destroy_value")]
        public static partial void DestroyValue(ref IntPtr value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_null_value")]
        public static partial ValueHandle CreateNull();

        [LibraryImport(Library, EntryPoint = "duckdb_create_bool")]
        public static partial ValueHandle CreateBool([MarshalAs(UnmanagedType.U1)] bool value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_int8")]
        public static partial ValueHandle CreateInt8(sbyte value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_int16")]
        public static partial ValueHandle CreateInt16(short value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_int32")]
        public static partial ValueHandle CreateInt32(int value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_int64")]
        public static partial ValueHandle CreateInt64(long value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_uint8")]
        public static partial ValueHandle CreateUInt8(byte value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_uint16")]
        public static partial ValueHandle CreateUInt16(ushort value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_uint32")]
        public static partial ValueHandle CreateUInt32(uint value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_uint64")]
        public static partial ValueHandle CreateUInt64(ulong value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_hugeint")]
        public static partial ValueHandle CreateHugeInt(DuckDBHugeInt value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_uhugeint")]
        public static partial ValueHandle CreateUHugeInt(DuckDBUHugeInt value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_decimal")]
        public static partial ValueHandle CreateDecimal(DuckDBDecimal value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_float")]
        public static partial ValueHandle CreateFloat(float value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_double")]
        public static partial ValueHandle CreateDouble(double value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_date")]
        public static partial ValueHandle CreateDate(int days);

        [LibraryImport(Library, EntryPoint = "duckdb_create_time")]
        public static partial ValueHandle CreateTime(long micros);

        [LibraryImport(Library, EntryPoint = "duckdb_create_timestamp")]
        public static partial ValueHandle CreateTimestamp(long micros);

        [LibraryImport(Library, EntryPoint = "duckdb_create_timestamp_tz")]
        public static partial ValueHandle CreateTimestampTz(long micros);

        [LibraryImport(Library, EntryPoint = "duckdb_create_interval")]
        public static partial ValueHandle CreateInterval(DuckDBIntervalT value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_varchar_length")]
        public static partial ValueHandle CreateVarcharLength(byte* text, ulong length);

        [LibraryImport(Library, EntryPoint = "duckdb_create_blob")]
        public static partial ValueHandle CreateBlob(byte* data, ulong length);

        [LibraryImport(Library, EntryPoint = "duckdb_create_uuid")]
        public static partial ValueHandle CreateUuid(DuckDBUHugeInt value);

        [LibraryImport(Library, EntryPoint = "duckdb_create_list_value")]
        public static partial ValueHandle CreateListValue(IntPtr childType, IntPtr* values, ulong count);

        // The returned type belongs to the value: it is not destroyed.
        [LibraryImport(Library, EntryPoint = "duckdb_get_value_type")]
        public static partial IntPtr GetValueType(ValueHandle value);
    }
}
