namespace OpenData.Catalog;

/// <summary>A version (snapshot) of a dataset without its file list, schema and statistics: cheap to list.</summary>
public record VersionSummary
{
    public required string Department { get; init; }

    public required string Dataset { get; init; }

    /// <summary>1, 2, 3… per dataset, without gaps.</summary>
    public required int Number { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public required CommitMode Mode { get; init; }

    public required long RowCount { get; init; }

    public required long Bytes { get; init; }

    /// <summary>Null for versions not made from an upload (streams, compaction, pipelines).</summary>
    public VersionSource? Source { get; init; }

    /// <summary>When the next version replaced this one as current; null while it is current.
    /// Retention counts from here, so a snapshot stays readable for the whole retention after it stops being current.</summary>
    public DateTimeOffset? SupersededAt { get; init; }

    /// <summary>What the dataset's quality checks found on this version; null when it was not checked (no checks were
    /// declared when it was committed, or it came from a stream, whose batches are not checked one by one).</summary>
    public IReadOnlyList<VersionCheck>? Checks { get; init; }
}
