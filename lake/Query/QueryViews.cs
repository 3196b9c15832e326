using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// Keeps a sandbox's views in step with the catalog: <c>"department"."dataset"</c> over the current version's files of
/// the sandbox's tier, and <c>"department"."dataset@v3"</c> over each version retention still keeps (time travel).
/// Checked before every query and cheap when nothing changed; views are replaced on the engine's own connection, so
/// queries already running go on with the files they bound.
/// </summary>
internal sealed class QueryViews(ICatalogStore catalog, LakeLayout layout, TimeSpan retention)
{
    /// <summary>The stable name of one version of a dataset, e.g. "traffic-tickets@v3".</summary>
    public static string VersionView(string dataset, int number) => $"{dataset}@v{LakeSql.Int(number)}";

    public async Task RefreshAsync(
        QuerySandbox sandbox, IReadOnlyList<(Dataset Dataset, string Tier)> visible, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (dataset, tier) in visible)
        {
            if (dataset.CurrentVersion is not { } current)
            {
                continue;
            }
            var hidden = TierColumns.Hidden(dataset, tier);
            var key = dataset.Department + "/" + dataset.Slug;
            sandbox.Views.TryGetValue(key, out var defined);
            var sameHidden = defined?.Hidden == string.Join(",", hidden);
            if (defined is not null && sameHidden && defined.Current == current && !defined.HasExpired(now))
            {
                continue;
            }
            sandbox.Views[key] = await DefineAsync(
                sandbox.Control, dataset, current, tier, hidden, sameHidden ? defined : null, now, cancellationToken);
        }
    }

    private async Task<DatasetViews> DefineAsync(
        DuckDBConnection control, Dataset dataset, int current, string tier, IReadOnlyList<string> hidden,
        DatasetViews? defined, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var schema = LakeSql.Identifier(dataset.Department);
        await LakeSql.ExecuteAsync(control, $"CREATE SCHEMA IF NOT EXISTS {schema};", cancellationToken);
        var views = new DatasetViews(current, string.Join(",", hidden));
        foreach (var summary in await catalog.ListVersionsAsync(dataset.Department, dataset.Slug, cancellationToken))
        {
            var expires = summary.SupersededAt + retention;
            if (expires <= now)
            {
                continue;
            }
            if (defined?.Versions.ContainsKey(summary.Number) != true)
            {
                var version = await catalog.GetVersionAsync(dataset.Department, dataset.Slug, summary.Number, cancellationToken);
                if (version is null || ViewSql(version, tier, hidden) is not { } sql)
                {
                    continue;
                }
                await CreateViewAsync(control, dataset, summary.Number, sql, cancellationToken);
            }
            views.Versions[summary.Number] = expires;
        }

        foreach (var gone in defined?.Versions.Keys.Except(views.Versions.Keys) ?? [])
        {
            await LakeSql.ExecuteAsync(
                control, $"DROP VIEW IF EXISTS {schema}.{LakeSql.Identifier(VersionView(dataset.Slug, gone))};", cancellationToken);
        }
        var name = $"{schema}.{LakeSql.Identifier(dataset.Slug)}";
        await LakeSql.ExecuteAsync(control, views.Versions.ContainsKey(current)
            ? $"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {schema}.{LakeSql.Identifier(VersionView(dataset.Slug, current))};"
            : $"DROP VIEW IF EXISTS {name};", cancellationToken);
        return views;
    }

    /// <summary>The view's query over the version's files of the tier, or null when the tier has none of its rows.</summary>
    private string? ViewSql(DatasetVersion version, string tier, IReadOnlyList<string> hidden)
    {
        var files = version.Files.Where(f => LakeLayout.IsInTier(f.Path, tier)).Select(f => layout.ToFullPath(f.Path)).ToList();
        if (files.Count > 0)
        {
            var columns = hidden.Count == 0 ? "*" : $"COLUMNS(lambda c: lower(c) NOT IN ({string.Join(", ", hidden.Select(LakeSql.Literal))}))";
            return $"SELECT {columns} FROM {LakeSql.ReadParquet(files)}";
        }
        // A version without rows may have no files; it still has its columns.
        var empty = version.RowCount == 0
            ? version.Schema.Where(c => !hidden.Contains(c.Name.ToLowerInvariant())).ToList()
            : [];
        return empty.Count == 0
            ? null
            : $"SELECT {string.Join(", ", empty.Select(c => $"CAST(NULL AS {c.Type}) AS {LakeSql.Identifier(c.Name)}"))} LIMIT 0";
    }

    /// <summary>Creates the version's view; one whose files cannot be read becomes a view that says so when queried.</summary>
    private static async Task CreateViewAsync(
        DuckDBConnection control, Dataset dataset, int number, string sql, CancellationToken cancellationToken)
    {
        var name = $"{LakeSql.Identifier(dataset.Department)}.{LakeSql.Identifier(VersionView(dataset.Slug, number))}";
        try
        {
            await LakeSql.ExecuteAsync(control, $"CREATE OR REPLACE VIEW {name} AS {sql};", cancellationToken);
        }
        catch (DuckDBException e)
        {
            // In the filter, not the select list: a count(*) would leave an unused column unevaluated.
            var message = $"Version {number} of {dataset.Department}/{dataset.Slug} cannot be read: {e.Message.Split('\n')[0]}";
            await LakeSql.ExecuteAsync(
                control, $"CREATE OR REPLACE VIEW {name} AS SELECT NULL AS unavailable WHERE error({LakeSql.Literal(message)}) IS NULL;", cancellationToken);
        }
    }
}
