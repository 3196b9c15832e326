namespace OpenData.Api;

/// <summary>Settings of the SQL endpoint and its sandboxes, section "Sql" (environment: Sql__DefaultTimeout, …).</summary>
public sealed class SqlOptions
{
    public const string Section = "Sql";

    /// <summary>The time limit of a query that names none (timeout_ms); capped by the caller's maximum below.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest time limit a caller without a key may ask for.</summary>
    public TimeSpan MaxTimeoutAnonymous { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest time limit a caller with a key (analyst, publisher, admin) may ask for.</summary>
    public TimeSpan MaxTimeoutWithKey { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows of a JSON answer when the request names no max_rows.</summary>
    public long DefaultMaxRows { get; set; } = 10_000;

    /// <summary>The largest max_rows a request may ask for; CSV, NDJSON and Parquet answers default to it.</summary>
    public long MaxRows { get; set; } = 10_000_000;

    /// <summary>DuckDB's memory_limit of each sandbox (one per audience); past it, queries spill to disk.</summary>
    public string MemoryLimit { get; set; } = "2GB";

    /// <summary>DuckDB's threads per sandbox.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>DuckDB's max_temp_directory_size per sandbox: how much its queries may spill to disk.</summary>
    public string MaxTempDirectorySize { get; set; } = "10GB";

    /// <summary>How long a sandbox may go without a query before it is closed and its memory given back.</summary>
    public TimeSpan SandboxIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
