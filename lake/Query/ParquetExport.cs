namespace OpenData.Lake.Query;

/// <summary>A query's result written by DuckDB as a file (Parquet, or CSV for downloads) in the sandbox's export folder; disposing deletes the file.</summary>
public sealed class ParquetExport(string path, long rows, bool truncated) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>Rows in the file.</summary>
    public long Rows { get; } = rows;

    /// <summary>True when the query had more rows than the file holds.</summary>
    public bool Truncated { get; } = truncated;

    public void Dispose() => File.Delete(Path);
}
