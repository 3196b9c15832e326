namespace OpenData.Lake;

/// <summary>Which dataset <see cref="LakeCompaction"/> rewrites, when it is worth it, and into what files.</summary>
public sealed record CompactionRequest
{
    public required string Department { get; init; }

    public required string Dataset { get; init; }

    /// <summary>Recorded as the new version's author, such as <c>compaction</c> or the key that asked for it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>The fewest internal files the current version must have to be rewritten.</summary>
    public required int MinFiles { get; init; }

    /// <summary>Rows per new file (rounded up to whole row groups); a partitioned dataset gets one file per partition.</summary>
    public required long TargetFileRows { get; init; }
}
