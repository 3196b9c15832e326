using OpenData.DuckDB.Native;

namespace OpenData.DuckDB.Tests;

public class NativeLibraryLoaderTests
{
    [Fact]
    public void Load_of_a_missing_library_says_how_to_get_it()
    {
        var error = Assert.Throws<DuckDBNativeLibraryException>(() => NativeLibraryLoader.Load("/nonexistent/libduckdb.so"));

        Assert.Contains("/nonexistent/libduckdb.so", error.Message);
        Assert.Contains("dotnet build", error.Message);
        Assert.Contains(NativeLibraryLoader.LibraryPathVariable, error.Message);
    }

    [Fact]
    public void Load_of_a_library_that_is_not_duckdb_says_so()
    {
        var other = new[] { "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1" }.First(File.Exists);

        var error = Assert.Throws<DuckDBNativeLibraryException>(() => NativeLibraryLoader.Load(other));

        Assert.Contains("is not DuckDB's library", error.Message);
    }

    [Fact]
    public void Load_of_the_built_library_checks_its_version()
    {
        var handle = NativeLibraryLoader.Load(NativeLibraryLoader.LibraryPath());

        Assert.NotEqual(IntPtr.Zero, handle);
        Assert.Equal("v1.5.6", NativeLibraryLoader.ExpectedVersion);
    }
}
