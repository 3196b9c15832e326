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

    /// <summary>
    /// Whether the caller reads the dataset through the public tier, where personal columns do not exist: the
    /// schema it is shown is then the public one. Analysts read the internal tier and see every column's name.
    /// </summary>
    public static bool ShowsPublicTier(Caller caller, Dataset dataset) => HidesPersonal(caller, dataset) && caller.Role != ApiKeyRole.Analyst;

    public static IReadOnlyList<SchemaColumn> Schema(Caller caller, Dataset dataset, IReadOnlyList<SchemaColumn> schema) =>
        ShowsPublicTier(caller, dataset)
            ? schema.Where(column => !dataset.PersonalColumns.Contains(column.Name, StringComparer.Ordinal)).ToList()
            : schema;

    /// <summary>Checks' findings without their sample rows when those may hold personal values the caller may not see.</summary>
    public static IReadOnlyList<VersionCheck>? Checks(Caller caller, Dataset dataset, IReadOnlyList<VersionCheck>? checks) =>
        HidesPersonal(caller, dataset) ? checks?.Select(check => check with { Columns = [], Rows = [] }).ToList() : checks;

    /// <summary>A version as the caller may see it: schema, statistics and files of the public tier when that is what it reads.</summary>
    public static DatasetVersion Version(Caller caller, Dataset dataset, DatasetVersion version) => version with
    {
        Schema = Schema(caller, dataset, version.Schema),
        Statistics = Statistics(caller, dataset, version.Statistics),
        Checks = Checks(caller, dataset, version.Checks),
        Files = ShowsPublicTier(caller, dataset)
            ? version.Files.Where(file => file.Path.StartsWith(PublicTierPrefix, StringComparison.Ordinal)).ToList()
            : version.Files,
    };

    private const string PublicTierPrefix = OpenData.Lake.LakeLayout.PublicTier + "/";
}
