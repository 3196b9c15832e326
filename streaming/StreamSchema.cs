using OpenData.Catalog;

namespace OpenData.Streaming;

/// <summary>The columns records are parsed into: the dataset's contract (fixed), else its current version's
/// schema (which new fields extend), else none yet (the first batch decides).</summary>
internal static class StreamSchema
{
    public static async Task<(IReadOnlyList<StreamColumn> Columns, bool Fixed)> ReadAsync(
        ICatalogStore catalog, Dataset dataset, CancellationToken cancellationToken)
    {
        if (dataset.Contract is { } contract)
        {
            return (contract.Select(c => new StreamColumn(c.Name, c.Type, Required: !c.Nullable)).ToList(), true);
        }
        if (dataset.CurrentVersion is { } current
            && await catalog.GetVersionAsync(dataset.Department, dataset.Slug, current, cancellationToken) is { } version)
        {
            return (version.Schema.Select(c => new StreamColumn(c.Name, c.Type)).ToList(), false);
        }
        return ([], false);
    }
}
