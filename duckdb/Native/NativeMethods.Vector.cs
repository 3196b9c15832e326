using System.Runtime.InteropServices;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE vector. Vectors are borrowed from their chunk and are never freed.</summary>
    public static unsafe partial class Vector
    {
        [LibraryImport(Library, EntryPoint = "duckdb_vector_get_data")]
        [SuppressGCTransition] // returns a pointer into the vector
        public static partial void* GetData(IntPtr vector);

        [LibraryImport(Library, EntryPoint = "duckdb_vector_get_validity")]
        [SuppressGCTransition] // returns a pointer into the vector, NULL when every row is valid
        public static partial ulong* GetValidity(IntPtr vector);

        [LibraryImport(Library, EntryPoint = "duckdb_list_vector_get_child")]
        [SuppressGCTransition] // returns a pointer into the vector
        public static partial IntPtr ListGetChild(IntPtr vector);

        [LibraryImport(Library, EntryPoint = "duckdb_struct_vector_get_child")]
        [SuppressGCTransition] // returns a pointer into the vector
        public static partial IntPtr StructGetChild(IntPtr vector, ulong index);

        [LibraryImport(Library, EntryPoint = "duckdb_array_vector_get_child")]
        [SuppressGCTransition] // returns a pointer into the vector
        public static partial IntPtr ArrayGetChild(IntPtr vector);
    }
}
