namespace OpenData.Catalog;

/// <summary>
/// A dataset's metadata, identified by <see cref="Department"/> and <see cref="Slug"/>.
/// The last three properties belong to the catalog: create and update ignore what the caller puts there.
/// </summary>
public sealed record Dataset
{
    public const string DefaultLicence = "CC-BY-4.0";

    /// <summary>Slug of the owning department.</summary>
    public required string Department { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? Theme { get; init; }

    public string Licence { get; init; } = DefaultLicence;

    /// <summary>Internal unless said otherwise, so that nothing becomes public by accident.</summary>
    public AccessLevel Access { get; init; } = AccessLevel.Internal;

    /// <summary>Free text such as <c>daily</c>, <c>monthly</c> or <c>continuous</c>.</summary>
    public string? UpdateFrequency { get; init; }

    /// <summary>Columns holding personal data: left out of the public projection.</summary>
    public IReadOnlyList<string> PersonalColumns { get; init; } = [];

    /// <summary>Columns that identify a row; upserts merge on them.</summary>
    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    /// <summary>Hive-style partition folders, in this order.</summary>
    public IReadOnlyList<string> PartitionColumns { get; init; } = [];

    /// <summary>Rows are written in this order so Parquet row-group statistics can skip data.</summary>
    public IReadOnlyList<string> SortColumns { get; init; } = [];

    /// <summary>The schema contract, or null when uploads define the schema.</summary>
    public IReadOnlyList<ContractColumn>? Contract { get; init; }

    /// <summary>Quality checks run on every uploaded version; what they find is reported on the version, and a
    /// failing check does not stop the upload (the rows are the department's record of what it holds).</summary>
    public IReadOnlyList<DataCheck> Checks { get; init; } = [];

    /// <summary>The current version's number, or null before the first commit. Only a commit moves it.</summary>
    public int? CurrentVersion { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
