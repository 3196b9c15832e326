using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpenData.DuckDB.Native;

/// <summary>
/// Finds libduckdb.so for the imports: the path in <c>OPENDATA_DUCKDB_LIBRARY</c> if set, else the copy
/// the build placed beside the program. A missing library or one of another DuckDB version fails with a
/// <see cref="DuckDBNativeLibraryException"/> that says what to do.
/// </summary>
internal static class NativeLibraryLoader
{
    public const string LibraryPathVariable = "OPENDATA_DUCKDB_LIBRARY";
    public const string FileName = "libduckdb.so";

    public static string ExpectedVersion { get; } = typeof(NativeLibraryLoader).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "DuckDBVersion").Value!;

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before the first DuckDB call, whichever type makes it.")]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == NativeMethods.Library ? Load(LibraryPath()) : IntPtr.Zero;

    public static string LibraryPath() =>
        Environment.GetEnvironmentVariable(LibraryPathVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>Loads the library at <paramref name="path"/> and checks that it is DuckDB of the expected version.</summary>
    public static unsafe IntPtr Load(string path)
    {
        if (!NativeLibrary.TryLoad(path, out var library))
        {
            throw new DuckDBNativeLibraryException(
                $"DuckDB's native library was not found or could not be loaded from '{path}'. " +
                $"Run 'dotnet build' (it fetches libduckdb.so {ExpectedVersion} with npm into a cache and copies it beside the program), " +
                $"or set {LibraryPathVariable} to the path of libduckdb.so {ExpectedVersion}.");
        }

        if (!NativeLibrary.TryGetExport(library, "duckdb_library_version", out var versionFunction))
        {
            NativeLibrary.Free(library);
            throw new DuckDBNativeLibraryException(
                $"'{path}' is not DuckDB's library (it has no duckdb_library_version). Point {LibraryPathVariable} at libduckdb.so {ExpectedVersion}, or unset it to use the one the build fetched.");
        }

        var version = Marshal.PtrToStringUTF8((IntPtr)((delegate* unmanaged<byte*>)versionFunction)());
        if (version != ExpectedVersion)
        {
            NativeLibrary.Free(library);
            throw new DuckDBNativeLibraryException(
                $"'{path}' is DuckDB {version}, but this binding is written for DuckDB {ExpectedVersion}. " +
                $"Delete it and run 'dotnet build' to fetch {ExpectedVersion}, or point {LibraryPathVariable} at libduckdb.so {ExpectedVersion}.");
        }

        return library;
    }
}
