namespace OpenData.DuckDB;

/// <summary>DuckDB's native library is missing, is not DuckDB, or is of another version than the binding expects.</summary>
public sealed class DuckDBNativeLibraryException : DllNotFoundException
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public DuckDBNativeLibraryException(string message) : base(message)
    {
    }
}
