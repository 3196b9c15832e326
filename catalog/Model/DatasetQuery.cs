namespace OpenData.Catalog;

/// <summary>What <see cref="ICatalogStore.SearchDatasetsAsync"/> looks for. Every filter set must hold.</summary>
public sealed record DatasetQuery
{
    /// <summary>Free text matched against title, description and keywords; results are ranked by relevance.
    /// Null or blank lists datasets by department and slug.</summary>
    public string? Text { get; init; }

    /// <summary>Only this department's datasets.</summary>
    public string? Department { get; init; }

    /// <summary>Each of these keywords must be on the dataset (case-insensitive, whole keyword).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Access levels the caller may see; null means all. Filtering here, not after the query,
    /// keeps <see cref="Limit"/> and <see cref="Offset"/> right.</summary>
    public IReadOnlyCollection<AccessLevel>? AccessLevels { get; init; }

    /// <summary>This department's own datasets are visible whatever <see cref="AccessLevels"/> says.</summary>
    public string? OwnerDepartment { get; init; }

    /// <summary>These datasets, named "department/dataset" (an API key's grants), are visible whatever
    /// <see cref="AccessLevels"/> says.</summary>
    public IReadOnlyList<string> GrantedDatasets { get; init; } = [];

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
