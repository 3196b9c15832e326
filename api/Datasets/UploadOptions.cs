namespace OpenData.Api;

/// <summary>Settings of <c>PUT …/data</c>, section "Uploads" (environment: Uploads__MaxUploadBytes, …).</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>The largest file an upload may carry, in bytes; larger ones are refused with 413. Default 10 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>DuckDB's <c>memory_limit</c> for each import; past it DuckDB spills to <see cref="ImportTempDirectory"/>.</summary>
    public string ImportMemoryLimit { get; set; } = "1GB";

    /// <summary>DuckDB's <c>temp_directory</c> for imports; relative paths are taken from the data folder.</summary>
    public string ImportTempDirectory { get; set; } = "staging/duckdb";
}
