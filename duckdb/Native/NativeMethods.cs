namespace OpenData.DuckDB.Native;

/// <summary>
/// Imports of DuckDB's C API (duckdb.h, API of 1.5.6), one partial class file per module of the header.
/// The library name is resolved by <see cref="NativeLibraryLoader"/>.
/// </summary>
internal static partial class NativeMethods
{
    public const string Library = "duckdb";
}
