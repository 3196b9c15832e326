using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>The body of PATCH /api/v1/datasets/{department}/{dataset}: fields left out (null) keep their value.
/// Department and slug are the dataset's identity and cannot change.</summary>
public record DatasetPatch
{
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
    public IReadOnlyList<DataCheck>? Checks { get; init; }

    public Dataset ApplyTo(Dataset dataset) => dataset with
    {
        Title = Title ?? dataset.Title,
        Description = Description ?? dataset.Description,
        Keywords = Keywords ?? dataset.Keywords,
        Theme = Theme ?? dataset.Theme,
        Licence = Licence ?? dataset.Licence,
        Access = Access ?? dataset.Access,
        UpdateFrequency = UpdateFrequency ?? dataset.UpdateFrequency,
        PersonalColumns = PersonalColumns ?? dataset.PersonalColumns,
        PrimaryKey = PrimaryKey ?? dataset.PrimaryKey,
        PartitionColumns = PartitionColumns ?? dataset.PartitionColumns,
        SortColumns = SortColumns ?? dataset.SortColumns,
        Contract = Contract ?? dataset.Contract,
        Checks = Checks ?? dataset.Checks,
    };
}
