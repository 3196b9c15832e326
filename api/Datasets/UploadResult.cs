using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// The answer to <c>PUT …/data</c>: 201 for a new version, 200 when the file is the current version's source
/// already (then nothing was imported again and <see cref="Rows"/>, <see cref="RejectedRows"/> are null).
/// </summary>
public sealed record UploadResult
{
    public required int Version { get; init; }

    public required CommitMode Mode { get; init; }

    /// <summary>Rows of the file imported into the version; the rejected ones are in RejectedRows.</summary>
    public long? Rows { get; init; }

    /// <summary>Rows of the file left out as rejects (at most maxRejectedRows); listed by <c>…/versions/{n}/rejects</c>.</summary>
    public long? RejectedRows { get; init; }

    /// <summary>Rows in the whole version (with append and upsert, the earlier rows too).</summary>
    public required long VersionRows { get; init; }

    public required long UploadedBytes { get; init; }

    /// <summary>Bytes of the version's Parquet files.</summary>
    public required long VersionBytes { get; init; }

    public required long DurationMs { get; init; }

    public required VersionSource? Source { get; init; }

    public required IReadOnlyList<SchemaColumn> Schema { get; init; }

    public required SchemaChanges SchemaChanges { get; init; }

    /// <summary>What the dataset's quality checks found on the version (null when it declares none). A failed check
    /// does not stop the upload: it is reported here and on the version.</summary>
    public IReadOnlyList<VersionCheck>? Checks { get; init; }
}
