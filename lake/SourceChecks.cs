using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>Checks of a commit's new rows against the dataset's declared columns, and the upsert merge.</summary>
internal static class SourceChecks
{
    public static void CheckColumns(Dataset dataset, CommitMode mode, IReadOnlyList<string> columns)
    {
        var present = new HashSet<string>(columns, StringComparer.OrdinalIgnoreCase);
        Require(dataset.SortColumns, "sort");
        Require(dataset.PartitionColumns, "partition");
        if (mode == CommitMode.Upsert)
        {
            if (dataset.PrimaryKey.Count == 0)
            {
                throw new LakeException($"Dataset '{dataset.Department}/{dataset.Slug}' has no primary key to upsert by.");
            }
            Require(dataset.PrimaryKey, "primary key");
        }

        void Require(IReadOnlyList<string> declared, string what)
        {
            var missing = declared.Where(c => !present.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                throw new LakeException(
                    $"The new rows lack the {what} column(s) {string.Join(", ", missing)} of dataset '{dataset.Department}/{dataset.Slug}'.");
            }
        }
    }

    /// <summary>An upsert must say which row each new row replaces: keys may be neither null nor repeated.</summary>
    public static async Task CheckKeysAsync(
        DuckDBConnection connection, string table, IReadOnlyList<string> key, CancellationToken cancellationToken)
    {
        var keys = LakeSql.Identifiers(key);
        var anyNull = string.Join(" OR ", key.Select(k => LakeSql.Identifier(k) + " IS NULL"));
        var counts = await LakeSql.QueryAsync(
            connection,
            $"SELECT (SELECT count(*) FROM {table} WHERE {anyNull}), " +
            $"(SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {keys} HAVING count(*) > 1));",
            r => (Nulls: r.GetInt64(0), Repeated: r.GetInt64(1)),
            cancellationToken);
        if (counts[0].Nulls > 0)
        {
            throw new LakeException($"{counts[0].Nulls} new row(s) have no value in the primary key ({string.Join(", ", key)}).");
        }
        if (counts[0].Repeated > 0)
        {
            throw new LakeException($"{counts[0].Repeated} primary key value(s) ({string.Join(", ", key)}) occur more than once in the new rows.");
        }
    }

    /// <summary>The merged snapshot: previous rows whose key is not among the new rows, then all new rows.</summary>
    public static string UpsertRowsSql(string source, IReadOnlyList<string> key, IReadOnlyList<string> previousFullPaths)
    {
        if (previousFullPaths.Count == 0)
        {
            return source;
        }
        return $"SELECT * FROM {LakeSql.ReadParquet(previousFullPaths)} AS lake_previous " +
            $"ANTI JOIN ({source}) AS lake_new USING ({LakeSql.Identifiers(key)}) " +
            $"UNION ALL BY NAME {source}";
    }
}
