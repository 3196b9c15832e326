namespace OpenData.Api.Portal.Catalog;

/// <summary>The catalog page's query string: text, facet filters (each may repeat: any of the values), sort and page.</summary>
public sealed record CatalogSearchRequest
{
    public const int PageSize = 20;

    public string? Q { get; init; }

    /// <summary>Facet name (as in <see cref="CatalogFacets"/>) to the values chosen; empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public CatalogSort Sort { get; init; } = CatalogSort.Relevance;

    public int Page { get; init; } = 1;

    public static CatalogSearchRequest From(IQueryCollection query) => new()
    {
        Q = string.IsNullOrWhiteSpace(query["q"]) ? null : query["q"].ToString().Trim(),
        Filters = CatalogFacets.All.ToDictionary(
            facet => facet.Name,
            facet => (IReadOnlyList<string>)query[facet.Name].Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!).Distinct().ToList()),
        Sort = Enum.TryParse<CatalogSort>(query["sort"], ignoreCase: true, out var sort) && Enum.IsDefined(sort) ? sort : CatalogSort.Relevance,
        Page = int.TryParse(query["page"], out var page) && page > 0 ? page : 1,
    };

    public IReadOnlyList<string> Chosen(string facet) => Filters.TryGetValue(facet, out var values) ? values : [];

    /// <summary>The query string of this search with <paramref name="change"/> applied, for links that keep the rest.</summary>
    public string Link(Func<CatalogSearchRequest, CatalogSearchRequest> change)
    {
        var changed = change(this);
        var parts = new List<KeyValuePair<string, string?>>();
        if (changed.Q is not null)
        {
            parts.Add(new("q", changed.Q));
        }
        foreach (var (facet, values) in changed.Filters)
        {
            parts.AddRange(values.Select(value => new KeyValuePair<string, string?>(facet, value)));
        }
        if (changed.Sort != CatalogSort.Relevance)
        {
            parts.Add(new("sort", changed.Sort.ToString().ToLowerInvariant()));
        }
        if (changed.Page > 1)
        {
            parts.Add(new("page", changed.Page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return "/datasets" + QueryString.Create(parts);
    }

    /// <summary>This search with one facet value added or removed, from the first page.</summary>
    public CatalogSearchRequest Toggle(string facet, string value)
    {
        var chosen = Chosen(facet);
        var values = chosen.Contains(value, StringComparer.Ordinal) ? chosen.Where(v => v != value).ToList() : [.. chosen, value];
        return this with { Filters = new Dictionary<string, IReadOnlyList<string>>(Filters) { [facet] = values }, Page = 1 };
    }
}

public enum CatalogSort
{
    Relevance,
    Name,
    Updated,
}
