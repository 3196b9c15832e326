namespace OpenData.Cli;

/// <summary>A dataset's metadata, as <c>GET /api/v1/datasets</c> lists it.</summary>
public sealed record DatasetInfo(
    string Department,
    string Slug,
    string Title,
    string? Description,
    IReadOnlyList<string>? Keywords,
    string? Theme,
    string? Licence,
    string Access,
    string? UpdateFrequency,
    IReadOnlyList<string>? PersonalColumns,
    IReadOnlyList<string>? PrimaryKey,
    int? CurrentVersion,
    DateTimeOffset UpdatedAt)
{
    public string Name => $"{Department}/{Slug}";
}
