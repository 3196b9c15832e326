using System.Runtime.InteropServices;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE connection.</summary>
    public static partial class Connection
    {
        [LibraryImport(Library, EntryPoint = "duckdb_connect")]
        public static partial DuckDBState Connect(DatabaseHandle database, out ConnectionHandle connection);

        [LibraryImport(Library, EntryPoint = "duckdb_disconnect")]
        public static partial void Disconnect(ref IntPtr connection);

        // Called from another thread than the one running the query; takes a lock inside DuckDB.
        [LibraryImport(Library, EntryPoint = "duckdb_interrupt")]
        public static partial void Interrupt(ConnectionHandle connection);

        [LibraryImport(Library, EntryPoint = "duckdb_query_progress")]
        public static partial DuckDBQueryProgressType QueryProgress(ConnectionHandle connection);
    }
}
