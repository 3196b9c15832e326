using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>Reading a dataset as a caller: what it may not see does not exist for it, and personal statistics are the owner's.</summary>
public static class DatasetVisibility
{
    public static async Task<Dataset?> FindAsync(
        ICatalogStore catalog, Caller caller, string department, string dataset, CancellationToken cancellationToken) =>
        await catalog.GetDatasetAsync(department, dataset, cancellationToken) is { } found && caller.CanSee(found) ? found : null;

    /// <summary>Statistics without personal columns unless the caller owns the dataset (ARCHITECTURE.md, "Access and privacy").</summary>
    public static IReadOnlyList<ColumnStatistics> Statistics(Caller caller, Dataset dataset, IReadOnlyList<ColumnStatistics> statistics) =>
        HidesPersonal(caller, dataset)
            ? statistics.Where(column => !dataset.PersonalColumns.Contains(column.Column, StringComparer.Ordinal)).ToList()
            : statistics;

    public static bool HidesPersonal(Caller caller, Dataset dataset) => !caller.Owns(dataset) && dataset.PersonalColumns.Count > 0;
}
