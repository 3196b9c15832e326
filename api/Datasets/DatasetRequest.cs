using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// The body of POST /api/v1/datasets. Everything is nullable so that a missing field is answered with a problem
/// naming it, not with a binding error.
/// </summary>
public sealed record DatasetRequest : DatasetPatch
{
    public string? Department { get; init; }
    public string? Slug { get; init; }

    /// <summary>The first required field that is missing, or null.</summary>
    public string? MissingField() =>
        string.IsNullOrWhiteSpace(Department) ? "department"
        : string.IsNullOrWhiteSpace(Slug) ? "slug"
        : string.IsNullOrWhiteSpace(Title) ? "title"
        : null;

    /// <summary>The new dataset: the fields given over <see cref="Dataset"/>'s defaults.</summary>
    public Dataset ToDataset() => ApplyTo(new Dataset { Department = Department!, Slug = Slug!, Title = Title! });
}
