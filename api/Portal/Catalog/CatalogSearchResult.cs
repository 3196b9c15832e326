namespace OpenData.Api.Portal.Catalog;

/// <summary>One page of the catalog page's answer, with the facets' counts.</summary>
public sealed record CatalogSearchResult(
    CatalogSearchRequest Request, IReadOnlyList<CatalogEntry> Items, int Total, IReadOnlyList<FacetCounts> Facets)
{
    public int Pages => Math.Max(1, (Total + CatalogSearchRequest.PageSize - 1) / CatalogSearchRequest.PageSize);
}

/// <summary>A facet's values among the matches, most frequent first, and how many datasets have each.</summary>
public sealed record FacetCounts(CatalogFacet Facet, IReadOnlyList<(string Value, int Count)> Values);
