namespace OpenData.Catalog;

/// <summary>
/// A new version to record with <see cref="ICatalogStore.CommitVersionAsync"/>. The catalog assigns the number
/// and the time. <see cref="Files"/> is the whole snapshot (for append: the previous files plus the new ones).
/// </summary>
public sealed record VersionCommit
{
    public required string Department { get; init; }

    public required string Dataset { get; init; }

    public required string CreatedBy { get; init; }

    public required CommitMode Mode { get; init; }

    public required long RowCount { get; init; }

    public required long Bytes { get; init; }

    public required IReadOnlyList<VersionFile> Files { get; init; }

    public IReadOnlyList<SchemaColumn> Schema { get; init; } = [];

    public IReadOnlyList<ColumnStatistics> Statistics { get; init; } = [];

    public VersionSource? Source { get; init; }

    /// <summary>
    /// For a streamed append: the Kafka records it holds. Stored in the same transaction as the version, which is
    /// refused (<see cref="CatalogErrorKind.StreamOffsetConflict"/>) when a range starts before the stored position.
    /// </summary>
    public IReadOnlyList<StreamOffsetRange> StreamOffsets { get; init; } = [];

    /// <summary>For a version a pipeline computed: the pipeline and the input snapshots, recorded with the version
    /// (its lineage).</summary>
    public VersionDerivation? Derivation { get; init; }
}
