using System.Runtime.CompilerServices;
using OpenData.Catalog;

namespace OpenData.Api.Portal.Catalog;

/// <summary>
/// The catalog page's search: the catalog's full-text search (FTS5, ranked) among what the caller may see, then the
/// facets, the sort and the page. Facets are counted here over the caller's matches, because the catalog store
/// filters by department and keyword only.
/// </summary>
public sealed class CatalogSearch(ICatalogStore catalog, CatalogEntries entries)
{
    // Each dataset's values of every facet, worked out once per dataset record: the catalog hands out the same
    // records until its next write, and a record never changes (a table keyed by reference, not by value).
    private static readonly ConditionalWeakTable<Dataset, string[][]> FacetValues = new();

    private static string[][] ValuesOf(Dataset dataset) => CatalogFacets.All.Select(facet => facet.ValuesOf(dataset).ToArray()).ToArray();

    public async Task<CatalogSearchResult> SearchAsync(CatalogSearchRequest request, Caller caller, CancellationToken cancellationToken)
    {
        // Without text, every dataset the caller may see matches, in the catalog's order: the catalog keeps that list.
        var matches = request.Q is null
            ? (await catalog.ListDatasetsAsync(cancellationToken: cancellationToken)).Where(caller.CanSee).ToList()
            : await catalog.SearchDatasetsAsync(caller.Limit(new DatasetQuery { Text = request.Q, Limit = int.MaxValue }), cancellationToken);

        var facetsOf = CatalogFacets.All;
        var chosen = facetsOf.Select(facet => request.Chosen(facet.Name)).ToArray();
        var rows = matches.Select(dataset => (Dataset: dataset, Values: FacetValues.GetValue(dataset, ValuesOf))).ToList();
        bool Passes(string[][] values, int skipped) =>
            Enumerable.Range(0, facetsOf.Count).All(i => i == skipped || chosen[i].Count == 0
                || values[i].Any(value => chosen[i].Contains(value, StringComparer.OrdinalIgnoreCase)));

        // Each facet is counted with the other facets' filters applied, so its own alternatives stay in view.
        var facets = facetsOf.Select((facet, index) =>
        {
            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows.Where(row => Passes(row.Values, index)))
            {
                foreach (var value in row.Values[index])
                {
                    counts[value] = counts.GetValueOrDefault(value) + 1;
                }
            }
            return new FacetCounts(facet, counts.Select(pair => (pair.Key, pair.Value))
                .OrderByDescending(value => value.Value).ThenBy(value => value.Key, StringComparer.Ordinal).ToList());
        }).ToList();
        var filtered = rows.Where(row => Passes(row.Values, skipped: -1)).Select(row => row.Dataset).ToList();

        var skip = (request.Page - 1) * CatalogSearchRequest.PageSize;
        var items = request.Sort switch
        {
            // The last update is the current version's time, so every match needs its entry before the sort.
            CatalogSort.Updated => (await entries.EntriesAsync(filtered, cancellationToken))
                .OrderByDescending(entry => entry.Modified).Skip(skip).Take(CatalogSearchRequest.PageSize).ToList(),
            CatalogSort.Name => await entries.EntriesAsync(
                filtered.OrderBy(dataset => dataset.Title, StringComparer.OrdinalIgnoreCase).Skip(skip).Take(CatalogSearchRequest.PageSize), cancellationToken),
            // Relevance is the catalog's own order (FTS5 rank; department and slug without text).
            _ => await entries.EntriesAsync(filtered.Skip(skip).Take(CatalogSearchRequest.PageSize), cancellationToken),
        };
        return new CatalogSearchResult(request, items, filtered.Count, facets);
    }
}
