using OpenData.Catalog;

namespace OpenData.Api.Portal.Datasets;

/// <summary>The fields of the create and edit forms. Lists are typed comma-separated; the schema contract and checks
/// stay with the API (PATCH /api/v1/datasets/{department}/{dataset}).</summary>
public sealed class DatasetForm
{
    public string? Slug { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Keywords { get; set; }

    public string? Theme { get; set; }

    public string Licence { get; set; } = Dataset.DefaultLicence;

    public AccessLevel Access { get; set; } = AccessLevel.Internal;

    public string? UpdateFrequency { get; set; }

    public string? PersonalColumns { get; set; }

    public static DatasetForm From(Dataset dataset) => new()
    {
        Slug = dataset.Slug,
        Title = dataset.Title,
        Description = dataset.Description,
        Keywords = string.Join(", ", dataset.Keywords),
        Theme = dataset.Theme,
        Licence = dataset.Licence,
        Access = dataset.Access,
        UpdateFrequency = dataset.UpdateFrequency,
        PersonalColumns = string.Join(", ", dataset.PersonalColumns),
    };

    /// <summary>What the form sets, as the API's request body; an emptied text field clears it.</summary>
    public DatasetRequest ToRequest(string department) => new()
    {
        Department = department,
        Slug = Slug?.Trim(),
        Title = Title?.Trim(),
        Description = Description?.Trim() ?? "",
        Keywords = List(Keywords),
        Theme = Theme?.Trim() ?? "",
        Licence = string.IsNullOrWhiteSpace(Licence) ? Dataset.DefaultLicence : Licence.Trim(),
        Access = Access,
        UpdateFrequency = UpdateFrequency?.Trim() ?? "",
        PersonalColumns = List(PersonalColumns),
    };

    private static List<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
