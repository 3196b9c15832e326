using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE query: result metadata, errors and the chunk loop.</summary>
    public static unsafe partial class Query
    {
        [LibraryImport(Library, EntryPoint = "duckdb_destroy_result")]
        public static partial void DestroyResult(DuckDBResult* result);

        [LibraryImport(Library, EntryPoint = "duckdb_column_count")]
        public static partial ulong ColumnCount(DuckDBResult* result);

        [LibraryImport(Library, EntryPoint = "duckdb_column_name")]
        [return: MarshalUsing(typeof(DuckDBOwnedStringMarshaller))]
        public static partial string? ColumnName(DuckDBResult* result, ulong column);

        [LibraryImport(Library, EntryPoint = "duckdb_column_logical_type")]
        public static partial LogicalTypeHandle ColumnLogicalType(DuckDBResult* result, ulong column);

        [LibraryImport(Library, EntryPoint = "duckdb_result_error")]
        [return: MarshalUsing(typeof(DuckDBOwnedStringMarshaller))]
        public static partial string? ResultError(DuckDBResult* result);

        [LibraryImport(Library, EntryPoint = "duckdb_result_error_type")]
        public static partial DuckDBErrorType ResultErrorType(DuckDBResult* result);

        [LibraryImport(Library, EntryPoint = "duckdb_result_return_type")]
        public static partial DuckDBResultType ResultReturnType(DuckDBResult result);

        [LibraryImport(Library, EntryPoint = "duckdb_result_statement_type")]
        public static partial DuckDBStatementType ResultStatementType(DuckDBResult result);

        // Runs the query's next stretch of work for a streaming result: no [SuppressGCTransition].
        [LibraryImport(Library, EntryPoint = "duckdb_fetch_chunk")]
        public static partial DataChunkHandle FetchChunk(DuckDBResult result);
    }
}
