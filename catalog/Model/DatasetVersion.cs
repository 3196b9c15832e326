namespace OpenData.Catalog;

/// <summary>A version (snapshot) of a dataset with everything needed to read it.</summary>
public sealed record DatasetVersion : VersionSummary
{
    /// <summary>Every file of the snapshot, including files carried over from earlier versions (append).</summary>
    public required IReadOnlyList<VersionFile> Files { get; init; }

    public required IReadOnlyList<SchemaColumn> Schema { get; init; }

    public required IReadOnlyList<ColumnStatistics> Statistics { get; init; }
}
