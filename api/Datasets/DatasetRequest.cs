using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// The body of POST /api/v1/datasets. Everything is nullable so that a missing field is answered with a problem
/// naming it, not with a binding error.
/// </summary>
public sealed record DatasetRequest
{
    public string? Department { get; init; }
    public string? Slug { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
    public string? Theme { get; init; }
    public string? Licence { get; init; }
    public AccessLevel? Access { get; init; }
    public string? UpdateFrequency { get; init; }
    public IReadOnlyList<string>? PersonalColumns { get; init; }
    public IReadOnlyList<string>? PrimaryKey { get; init; }
    public IReadOnlyList<string>? PartitionColumns { get; init; }
    public IReadOnlyList<string>? SortColumns { get; init; }
    public IReadOnlyList<ContractColumn>? Contract { get; init; }

    /// <summary>The first required field that is missing, or null.</summary>
    public string? MissingField() =>
        string.IsNullOrWhiteSpace(Department) ? "department"
        : string.IsNullOrWhiteSpace(Slug) ? "slug"
        : string.IsNullOrWhiteSpace(Title) ? "title"
        : null;

    public Dataset ToDataset() => new()
    {
        Department = Department!,
        Slug = Slug!,
        Title = Title!,
        Description = Description ?? "",
        Keywords = Keywords ?? [],
        Theme = Theme,
        Licence = Licence ?? Dataset.DefaultLicence,
        Access = Access ?? AccessLevel.Internal,
        UpdateFrequency = UpdateFrequency,
        PersonalColumns = PersonalColumns ?? [],
        PrimaryKey = PrimaryKey ?? [],
        PartitionColumns = PartitionColumns ?? [],
        SortColumns = SortColumns ?? [],
        Contract = Contract,
    };
}
