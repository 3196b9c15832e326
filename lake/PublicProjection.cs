using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>
/// The public tier of a public dataset: the same rows without its personal columns, written from the internal
/// files so that the source runs only once.
/// </summary>
internal sealed class PublicProjection(LakeLayout layout, SnapshotFolderWriter folders)
{
    public async Task<SnapshotFolder> WriteAsync(
        DuckDBConnection connection, Dataset dataset, IReadOnlyList<VersionFile> internalFiles, CancellationToken cancellationToken)
    {
        var source = LakeSql.ReadParquet(internalFiles.Select(f => layout.ToFullPath(f.Path)));
        var columns = await LakeSql.DescribeAsync(connection, "SELECT * FROM " + source, cancellationToken);
        var personal = PersonalColumnsIn(dataset, columns.Select(c => c.Name));

        var exclude = personal.Count == 0 ? "" : $" EXCLUDE ({LakeSql.Identifiers(personal)})";
        var partitions = Without(dataset.PartitionColumns, personal);
        // The internal files are written in sort order and an ordered scan keeps it: sorting again would only cost.
        // A partitioned write spreads rows over threads, so there the order is restored.
        var sort = partitions.Count == 0 ? [] : Without(dataset.SortColumns, personal);
        return await folders.WriteAsync(
            connection, LakeLayout.PublicTier, dataset, $"SELECT *{exclude} FROM {source}", sort, partitions, cancellationToken);
    }

    /// <summary>
    /// True when earlier public files can be carried into an append: they exist for every internal row and
    /// hold no column that is personal now (a column marked personal later must disappear from the public tier).
    /// </summary>
    public async Task<bool> CanReuseAsync(
        DuckDBConnection connection,
        Dataset dataset,
        IReadOnlyList<VersionFile> previousInternal,
        IReadOnlyList<VersionFile> previousPublic,
        CancellationToken cancellationToken)
    {
        if (previousInternal.Count > 0 && previousPublic.Count == 0)
        {
            return false;
        }
        if (previousPublic.Count == 0)
        {
            return true;
        }
        var columns = await LakeSql.DescribeAsync(
            connection, "SELECT * FROM " + LakeSql.ReadParquet(previousPublic.Select(f => layout.ToFullPath(f.Path))), cancellationToken);
        return PersonalColumnsIn(dataset, columns.Select(c => c.Name)).Count == 0;
    }

    private static List<string> PersonalColumnsIn(Dataset dataset, IEnumerable<string> columns)
    {
        // DuckDB names are case-insensitive; use the file's spelling.
        var personal = new HashSet<string>(dataset.PersonalColumns, StringComparer.OrdinalIgnoreCase);
        return columns.Where(personal.Contains).ToList();
    }

    private static List<string> Without(IReadOnlyList<string> columns, IReadOnlyCollection<string> removed) =>
        columns.Where(c => !removed.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
}
