namespace OpenData.Api;

/// <summary>Settings of compaction, section "Compaction" (environment: Compaction__Schedule, …).</summary>
public sealed class CompactionOptions
{
    public const string Section = "Compaction";

    /// <summary>
    /// When the host compacts every dataset that needs it: a Quartz cron expression in UTC, seconds first (the default,
    /// <c>0 0/10 * * * ?</c>, is every ten minutes). Empty: never on a schedule, only on demand.
    /// </summary>
    public string? Schedule { get; set; } = "0 0/10 * * * ?";

    /// <summary>
    /// A scheduled run rewrites a dataset whose current version has at least this many internal files (and would
    /// leave fewer). A two-second stream makes thirty files a minute; each run rewrites the whole version, so this
    /// keeps quiet datasets from being rewritten for a file or two.
    /// </summary>
    public int MinFiles { get; set; } = 16;

    /// <summary>Rows per file that compaction writes (rounded up to whole row groups); partitioned datasets get one
    /// file per partition.</summary>
    public long TargetFileRows { get; set; } = 1_000_000;

    /// <summary>DuckDB <c>memory_limit</c> of a compaction; its sort spills to the data folder's staging area beyond it.</summary>
    public string MemoryLimit { get; set; } = "1GB";
}
