using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>A dataset as catalogs describe it (DCAT, CKAN, schema.org): its metadata, its department and its current version.</summary>
/// <param name="Current">The current version, or null before the first upload; its files and statistics may be left out.</param>
public sealed record CatalogEntry(Dataset Dataset, Department Department, DatasetVersion? Current)
{
    /// <summary>When the metadata or the data last changed: a new version counts, which <see cref="Dataset.UpdatedAt"/> does not.</summary>
    public DateTimeOffset Modified => Current is { } version && version.CreatedAt > Dataset.UpdatedAt ? version.CreatedAt : Dataset.UpdatedAt;

    /// <summary>"department/dataset": unique in the catalog and stable whatever address the catalog is read at.</summary>
    public string Identifier => DatasetGrant.Name(Dataset.Department, Dataset.Slug);

    /// <summary>The description, or the title when there is none: DCAT-US and schema.org require a non-empty one.</summary>
    public string Description => string.IsNullOrWhiteSpace(Dataset.Description) ? Dataset.Title : Dataset.Description;

    /// <summary>The keywords, or the theme, or else the department's slug: DCAT-US requires at least one.</summary>
    public IReadOnlyList<string> Keywords =>
        Dataset.Keywords.Where(keyword => !string.IsNullOrWhiteSpace(keyword)).ToList() is { Count: > 0 } keywords ? keywords
        : !string.IsNullOrWhiteSpace(Dataset.Theme) ? [Dataset.Theme]
        : [Dataset.Department];

    /// <summary>The formats it can be downloaded in: all of them once it has data, none before.</summary>
    public IReadOnlyList<DistributionFormat> Formats => Current is null ? [] : DistributionFormat.All;

    /// <summary>The columns the public sees: the public tier's, without personal columns.</summary>
    public IReadOnlyList<SchemaColumn> PublicSchema =>
        DatasetVisibility.Schema(Caller.Anonymous, Dataset, Current?.Schema ?? []);
}
