using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE appender.</summary>
    public static unsafe partial class Appender
    {
        [LibraryImport(Library, EntryPoint = "duckdb_appender_create_ext", StringMarshalling = StringMarshalling.Utf8)]
        public static partial DuckDBState AppenderCreateExt(ConnectionHandle connection, string? catalog, string? schema, string table, out AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_appender_error")]
        [return: MarshalUsing(typeof(DuckDBOwnedStringMarshaller))]
        public static partial string? AppenderError(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_appender_column_count")]
        public static partial ulong AppenderColumnCount(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_appender_flush")]
        public static partial DuckDBState AppenderFlush(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_appender_clear")]
        public static partial DuckDBState AppenderClear(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_appender_close")]
        public static partial DuckDBState AppenderClose(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_appender_destroy")]
        public static partial DuckDBState AppenderDestroy(ref IntPtr appender);

        [LibraryImport(Library, EntryPoint = "duckdb_appender_end_row")]
        public static partial DuckDBState AppenderEndRow(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_append_default")]
        public static partial DuckDBState AppendDefault(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_append_null")]
        public static partial DuckDBState AppendNull(AppenderHandle appender);

        [LibraryImport(Library, EntryPoint = "duckdb_append_value")]
        public static partial DuckDBState AppendValue(AppenderHandle appender, ValueHandle value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_bool")]
        public static partial DuckDBState AppendBool(AppenderHandle appender, [MarshalAs(UnmanagedType.U1)] bool value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_int8")]
        public static partial DuckDBState AppendInt8(AppenderHandle appender, sbyte value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_int16")]
        public static partial DuckDBState AppendInt16(AppenderHandle appender, short value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_int32")]
        public static partial DuckDBState AppendInt32(AppenderHandle appender, int value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_int64")]
        public static partial DuckDBState AppendInt64(AppenderHandle appender, long value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_hugeint")]
        public static partial DuckDBState AppendHugeInt(AppenderHandle appender, DuckDBHugeInt value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_uint8")]
        public static partial DuckDBState AppendUInt8(AppenderHandle appender, byte value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_uint16")]
        public static partial DuckDBState AppendUInt16(AppenderHandle appender, ushort value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_uint32")]
        public static partial DuckDBState AppendUInt32(AppenderHandle appender, uint value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_uint64")]
        public static partial DuckDBState AppendUInt64(AppenderHandle appender, ulong value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_uhugeint")]
        public static partial DuckDBState AppendUHugeInt(AppenderHandle appender, DuckDBUHugeInt value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_float")]
        public static partial DuckDBState AppendFloat(AppenderHandle appender, float value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_double")]
        public static partial DuckDBState AppendDouble(AppenderHandle appender, double value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_date")]
        public static partial DuckDBState AppendDate(AppenderHandle appender, int days);

        [LibraryImport(Library, EntryPoint = "duckdb_append_time")]
        public static partial DuckDBState AppendTime(AppenderHandle appender, long micros);

        [LibraryImport(Library, EntryPoint = "duckdb_append_timestamp")]
        public static partial DuckDBState AppendTimestamp(AppenderHandle appender, long micros);

        [LibraryImport(Library, EntryPoint = "duckdb_append_interval")]
        public static partial DuckDBState AppendInterval(AppenderHandle appender, DuckDBIntervalT value);

        [LibraryImport(Library, EntryPoint = "duckdb_append_varchar_length")]
        public static partial DuckDBState AppendVarcharLength(AppenderHandle appender, byte* text, ulong length);

        [LibraryImport(Library, EntryPoint = "duckdb_append_blob")]
        public static partial DuckDBState AppendBlob(AppenderHandle appender, byte* data, ulong length);
    }
}
