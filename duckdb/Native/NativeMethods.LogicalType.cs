using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace OpenData.DuckDB.Native;

internal static partial class NativeMethods
{
    /// <summary>MODULE logical_type.</summary>
    public static partial class LogicalType
    {
        [LibraryImport(Library, EntryPoint = "duckdb_create_logical_type")]
        public static partial LogicalTypeHandle CreateLogicalType(DuckDBType type);

        [LibraryImport(Library, EntryPoint = "duckdb_destroy_logical_type")]
        public static partial void DestroyLogicalType(ref IntPtr type);

        [LibraryImport(Library, EntryPoint = "duckdb_get_type_id")]
        public static partial DuckDBType GetTypeId(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_get_type_id")]
        public static partial DuckDBType GetTypeId(IntPtr borrowedType);

        [LibraryImport(Library, EntryPoint = "duckdb_decimal_width")]
        public static partial byte DecimalWidth(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_decimal_scale")]
        public static partial byte DecimalScale(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_decimal_internal_type")]
        public static partial DuckDBType DecimalInternalType(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_enum_internal_type")]
        public static partial DuckDBType EnumInternalType(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_enum_dictionary_size")]
        public static partial uint EnumDictionarySize(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_enum_dictionary_value")]
        [return: MarshalUsing(typeof(CallerOwnedStringMarshaller))]
        public static partial string EnumDictionaryValue(LogicalTypeHandle type, ulong index);

        [LibraryImport(Library, EntryPoint = "duckdb_list_type_child_type")]
        public static partial LogicalTypeHandle ListChildType(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_array_type_child_type")]
        public static partial LogicalTypeHandle ArrayChildType(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_array_type_array_size")]
        public static partial ulong ArraySize(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_map_type_key_type")]
        public static partial LogicalTypeHandle MapKeyType(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_map_type_value_type")]
        public static partial LogicalTypeHandle MapValueType(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_count")]
        public static partial ulong StructChildCount(LogicalTypeHandle type);

        [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_name")]
        [return: MarshalUsing(typeof(CallerOwnedStringMarshaller))]
        public static partial string StructChildName(LogicalTypeHandle type, ulong index);

        [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_type")]
        public static partial LogicalTypeHandle StructChildType(LogicalTypeHandle type, ulong index);
    }
}
