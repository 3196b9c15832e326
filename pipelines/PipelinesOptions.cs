namespace OpenData.Pipelines;

/// <summary>Settings of pipeline runs, section "Pipelines" (environment: Pipelines__MaxRetries, …).</summary>
public sealed class PipelinesOptions
{
    public const string Section = "Pipelines";

    /// <summary>How often a failed run is tried again (0: never). Failed checks and refused SQL are not retried: they would fail the same way.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before the first retry; each further retry waits twice as long as the one before.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the catalog is polled for inputs with new versions (pipelines with onInputChange).</summary>
    public TimeSpan InputPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>k of a suppression that names no threshold: the smallest count published.</summary>
    public int DefaultSuppressionThreshold { get; set; } = 10;

    /// <summary>
    /// How long one attempt of a run may take; past it the run's query is interrupted and the run recorded failed
    /// (not retried: it would most likely take as long again).
    /// </summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>DuckDB's memory_limit of the connection that suppresses and commits a run's result.</summary>
    public string MemoryLimit { get; set; } = "1GB";
}
