using OpenData.Catalog;

namespace OpenData.Lake;

/// <summary>A new version to write: rows from one DuckDB SELECT, merged into the dataset as <see cref="Mode"/> says.</summary>
public sealed record LakeCommitRequest
{
    public required string Department { get; init; }

    public required string Dataset { get; init; }

    /// <summary>
    /// Exactly one SELECT run on the caller's connection, such as <c>SELECT * FROM read_csv('upload.csv')</c>
    /// or <c>FROM staged_rows</c>. It runs once per commit, however many times the commit is retried.
    /// </summary>
    public required string SourceSql { get; init; }

    public required CommitMode Mode { get; init; }

    public required string CreatedBy { get; init; }

    public VersionSource? Source { get; init; }

    /// <summary>For a streamed append: the Kafka records it holds, recorded in the version's catalog transaction.</summary>
    public IReadOnlyList<StreamOffsetRange> StreamOffsets { get; init; } = [];

    /// <summary>For a pipeline's result: the pipeline and the exact input snapshots, recorded with the version.</summary>
    public VersionDerivation? Derivation { get; init; }
}
