using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE pending: executing a prepared statement into a streaming result.</summary>
    public static unsafe partial class Pending
    {
        // Deprecated in the header since 1.0 but exported by 1.5.6, and the only C API call that yields a
        // result DuckDB produces chunk by chunk; duckdb_pending_prepared materializes the whole result.
        [LibraryImport(Library, EntryPoint = "duckdb_pending_prepared_streaming")]
        public static partial DuckDBState PendingPreparedStreaming(PreparedStatementHandle statement, out PendingResultHandle pending);

        [LibraryImport(Library, EntryPoint = "duckdb_pending_error")]
        [return: MarshalUsing(typeof(DuckDBOwnedStringMarshaller))]
        public static partial string? PendingError(PendingResultHandle pending);

        // Runs one task of the query on the calling thread: no [SuppressGCTransition].
        [LibraryImport(Library, EntryPoint = "duckdb_pending_execute_task")]
        public static partial DuckDBPendingState PendingExecuteTask(PendingResultHandle pending);

        [LibraryImport(Library, EntryPoint = "duckdb_execute_pending")]
        public static partial DuckDBState ExecutePending(PendingResultHandle pending, DuckDBResult* result);

        [LibraryImport(Library, EntryPoint = "duckdb_destroy_pending")]
        public static partial void DestroyPending(ref IntPtr pending);
    }
}
