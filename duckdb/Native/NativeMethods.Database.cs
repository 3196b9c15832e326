using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE database, config and helpers.</summary>
    public static partial class Database
    {
        [LibraryImport(Library, EntryPoint = "duckdb_library_version")]
        [return: MarshalUsing(typeof(DuckDBOwnedStringMarshaller))]
        public static partial string LibraryVersion();

        [LibraryImport(Library, EntryPoint = "duckdb_create_instance_cache")]
        public static partial InstanceCacheHandle CreateInstanceCache();

        [LibraryImport(Library, EntryPoint = "duckdb_destroy_instance_cache")]
        public static partial void DestroyInstanceCache(ref IntPtr instanceCache);

        // Maybe [SuppressGCTransition]: no — opening a database reads files and can take long.
        [LibraryImport(Library, EntryPoint = "duckdb_get_or_create_from_cache", StringMarshalling = StringMarshalling.Utf8)]
        public static partial DuckDBState GetOrCreateFromCache(InstanceCacheHandle cache, string path, out DatabaseHandle database, ConfigHandle config, [MarshalUsing(typeof(CallerOwnedStringMarshaller))] out string? error);

        [LibraryImport(Library, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
        public static partial DuckDBState OpenExt(string? path, out DatabaseHandle database, ConfigHandle config, [MarshalUsing(typeof(CallerOwnedStringMarshaller))] out string? error);

        [LibraryImport(Library, EntryPoint = "duckdb_close")]
        public static partial void Close(ref IntPtr database);

        [LibraryImport(Library, EntryPoint = "duckdb_create_config")]
        public static partial DuckDBState CreateConfig(out ConfigHandle config);

        [LibraryImport(Library, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
        public static partial DuckDBState SetConfig(ConfigHandle config, string name, string option);

        [LibraryImport(Library, EntryPoint = "duckdb_destroy_config")]
        public static partial void DestroyConfig(ref IntPtr config);

        [LibraryImport(Library, EntryPoint = "duckdb_free")]
        public static unsafe partial void Free(void* pointer);

        [LibraryImport(Library, EntryPoint = "duckdb_vector_size")]
        [SuppressGCTransition] // a constant getter
        public static partial ulong VectorSize();
    }
}
