namespace OpenData.Lake.Query;

/// <summary>DuckDB settings of every sandbox instance, set before its configuration is locked.</summary>
/// <param name="MemoryLimit">DuckDB's <c>memory_limit</c> per instance, e.g. "2GB"; past it, queries spill to disk.</param>
/// <param name="Threads">DuckDB's <c>threads</c> per instance.</param>
/// <param name="MaxTempDirectorySize">DuckDB's <c>max_temp_directory_size</c>: how much a sandbox may spill.</param>
public sealed record QueryEngineOptions(string MemoryLimit, int Threads, string MaxTempDirectorySize)
{
    /// <summary>
    /// How long a sandbox may go without a session before it is closed, giving back its memory (up to
    /// <see cref="MemoryLimit"/> of cached data each); the next query of its audience builds it again.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
