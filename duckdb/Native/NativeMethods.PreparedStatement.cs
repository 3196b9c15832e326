using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE prepared_statement: preparing, binding parameters and extracting statements.</summary>
    public static unsafe partial class PreparedStatement
    {
        [LibraryImport(Library, EntryPoint = "duckdb_extract_statements", StringMarshalling = StringMarshalling.Utf8)]
        public static partial ulong ExtractStatements(ConnectionHandle connection, string query, out ExtractedStatementsHandle statements);

        [LibraryImport(Library, EntryPoint = "duckdb_prepare_extracted_statement")]
        public static partial DuckDBState PrepareExtractedStatement(ConnectionHandle connection, ExtractedStatementsHandle statements, ulong index, out PreparedStatementHandle statement);

        [LibraryImport(Library, EntryPoint = "duckdb_extract_statements_error")]
        [return: MarshalUsing(typeof(DuckDBOwnedStringMarshaller))]
        public static partial string? ExtractStatementsError(ExtractedStatementsHandle statements);

        [LibraryImport(Library, EntryPoint = "duckdb_destroy_extracted")]
        public static partial void DestroyExtracted(ref IntPtr statements);

        [LibraryImport(Library, EntryPoint = "duckdb_destroy_prepare")]
        public static partial void DestroyPrepare(ref IntPtr statement);

        [LibraryImport(Library, EntryPoint = "duckdb_prepare_error")]
        [return: MarshalUsing(typeof(DuckDBOwnedStringMarshaller))]
        public static partial string? PrepareError(PreparedStatementHandle statement);

        [LibraryImport(Library, EntryPoint = "duckdb_prepared_statement_type")]
        public static partial DuckDBStatementType StatementType(PreparedStatementHandle statement);

        [LibraryImport(Library, EntryPoint = "duckdb_nparams")]
        public static partial ulong ParameterCount(PreparedStatementHandle statement);

        [LibraryImport(Library, EntryPoint = "duckdb_parameter_name")]
        [return: MarshalUsing(typeof(CallerOwnedStringMarshaller))]
        public static partial string? ParameterName(PreparedStatementHandle statement, ulong index);

        [LibraryImport(Library, EntryPoint = "duckdb_clear_bindings")]
        public static partial DuckDBState ClearBindings(PreparedStatementHandle statement);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_value")]
        public static partial DuckDBState BindValue(PreparedStatementHandle statement, ulong index, ValueHandle value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_null")]
        public static partial DuckDBState BindNull(PreparedStatementHandle statement, ulong index);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_boolean")]
        public static partial DuckDBState BindBoolean(PreparedStatementHandle statement, ulong index, [MarshalAs(UnmanagedType.U1)] bool value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_int8")]
        public static partial DuckDBState BindInt8(PreparedStatementHandle statement, ulong index, sbyte value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_int16")]
        public static partial DuckDBState BindInt16(PreparedStatementHandle statement, ulong index, short value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_int32")]
        public static partial DuckDBState BindInt32(PreparedStatementHandle statement, ulong index, int value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_int64")]
        public static partial DuckDBState BindInt64(PreparedStatementHandle statement, ulong index, long value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_hugeint")]
        public static partial DuckDBState BindHugeInt(PreparedStatementHandle statement, ulong index, DuckDBHugeInt value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_uhugeint")]
        public static partial DuckDBState BindUHugeInt(PreparedStatementHandle statement, ulong index, DuckDBUHugeInt value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_uint8")]
        public static partial DuckDBState BindUInt8(PreparedStatementHandle statement, ulong index, byte value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_uint16")]
        public static partial DuckDBState BindUInt16(PreparedStatementHandle statement, ulong index, ushort value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_uint32")]
        public static partial DuckDBState BindUInt32(PreparedStatementHandle statement, ulong index, uint value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_uint64")]
        public static partial DuckDBState BindUInt64(PreparedStatementHandle statement, ulong index, ulong value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_float")]
        public static partial DuckDBState BindFloat(PreparedStatementHandle statement, ulong index, float value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_double")]
        public static partial DuckDBState BindDouble(PreparedStatementHandle statement, ulong index, double value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_date")]
        public static partial DuckDBState BindDate(PreparedStatementHandle statement, ulong index, int days);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_time")]
        public static partial DuckDBState BindTime(PreparedStatementHandle statement, ulong index, long micros);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_timestamp")]
        public static partial DuckDBState BindTimestamp(PreparedStatementHandle statement, ulong index, long micros);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_interval")]
        public static partial DuckDBState BindInterval(PreparedStatementHandle statement, ulong index, DuckDBIntervalT value);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_varchar_length")]
        public static partial DuckDBState BindVarcharLength(PreparedStatementHandle statement, ulong index, byte* value, ulong length);

        [LibraryImport(Library, EntryPoint = "duckdb_bind_blob")]
        public static partial DuckDBState BindBlob(PreparedStatementHandle statement, ulong index, byte* data, ulong length);
    }
}
