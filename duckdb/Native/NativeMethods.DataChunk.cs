using System.Runtime.InteropServices;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE data_chunk.</summary>
    public static partial class DataChunk
    {
        [LibraryImport(Library, EntryPoint = "duckdb_destroy_data_chunk")]
        public static partial void DestroyDataChunk(ref IntPtr chunk);

        [LibraryImport(Library, EntryPoint = "duckdb_data_chunk_get_size")]
        [SuppressGCTransition] // reads a field
        public static partial ulong GetSize(DataChunkHandle chunk);

        [LibraryImport(Library, EntryPoint = "duckdb_data_chunk_get_vector")]
        [SuppressGCTransition] // returns a pointer into the chunk
        public static partial IntPtr GetVector(DataChunkHandle chunk, ulong column);
    }
}
