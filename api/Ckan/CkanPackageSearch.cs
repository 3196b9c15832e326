using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// package_search over the catalog, in the subset of Solr's syntax that CKAN clients send: q is free text (the
/// catalog's full-text search, best match first) with optional field:value terms, fq holds field:value terms (a
/// leading "-" excludes), sort names fields with asc or desc, facet.field counts values over every match.
/// </summary>
public static partial class CkanPackageSearch
{
    /// <summary>CKAN's default ckan.search.rows_max: more rows than this are cut to it, as CKAN cuts them.</summary>
    public const int RowsMax = 1000;

    public const string DefaultSort = "score desc, metadata_modified desc";

    private const int FacetLimitDefault = 50;

    /// <summary>The fields fq and q may filter on, each with the values a package has for it.</summary>
    private static readonly Dictionary<string, Func<CatalogEntry, IEnumerable<string>>> Fields = new(StringComparer.Ordinal)
    {
        ["organization"] = entry => [entry.Dataset.Department],
        ["owner_org"] = entry => [CkanIds.Organization(entry.Dataset.Department)],
        ["tags"] = entry => entry.Dataset.Keywords,
        ["license_id"] = entry => [entry.Dataset.Licence],
        ["res_format"] = entry => entry.Formats.Select(format => format.Name),
        ["name"] = entry => [CkanDicts.PackageName(entry.Dataset)],
        ["id"] = entry => [CkanIds.Package(entry.Dataset.Department, entry.Dataset.Slug)],
        ["capacity"] = entry => [entry.Dataset.Access == AccessLevel.Public ? "public" : "private"],
        ["groups"] = _ => [],
        ["dataset_type"] = _ => ["dataset"],
        ["type"] = _ => ["dataset"],
        ["state"] = _ => ["active"],
    };

    private static readonly string[] Facetable = ["organization", "tags", "license_id", "res_format", "groups"];

    public static async Task<JsonObject> SearchAsync(
        CkanParameters parameters, ICatalogStore catalog, CatalogEntries entries, Caller caller, CatalogLinks links,
        CancellationToken cancellationToken)
    {
        var rows = Math.Min(parameters.Int("rows", 10), RowsMax);
        var start = parameters.Int("start", 0);
        var (text, terms) = Parse(parameters.String("q") ?? "", freeText: true);
        terms.AddRange(Parse(parameters.String("fq") ?? "", freeText: false).Terms);
        foreach (var fq in parameters.List("fq_list"))
        {
            terms.AddRange(Parse(fq, freeText: false).Terms);
        }
        var sort = Sort(parameters.String("sort") is { Length: > 0 } given && given != "rank" ? given : DefaultSort);

        // With text, the catalog's full-text search ranks; without, every dataset the caller may see matches alike.
        var matches = string.IsNullOrWhiteSpace(text)
            ? await entries.ListAsync(caller, cancellationToken)
            : await entries.EntriesAsync(
                await catalog.SearchDatasetsAsync(caller.Limit(new DatasetQuery { Text = text, Limit = int.MaxValue }), cancellationToken),
                cancellationToken);
        // As CKAN: datasets that are not public only when asked for, and then only those the key may see.
        var includePrivate = parameters.Bool("include_private", false);
        var found = matches
            .Select((entry, rank) => (Entry: entry, Rank: rank))
            .Where(match => (includePrivate || match.Entry.Dataset.Access == AccessLevel.Public) && terms.All(term => term.Matches(match.Entry)))
            .ToList();
        found.Sort(sort);

        var (facets, searchFacets) = Facets(parameters, found.Select(match => match.Entry).ToList());
        return new JsonObject
        {
            ["count"] = found.Count,
            ["facets"] = facets,
            ["results"] = new JsonArray([.. found.Skip(start).Take(rows).Select(match => (JsonNode)CkanDicts.Package(match.Entry, links))]),
            ["sort"] = parameters.String("sort") ?? DefaultSort,
            ["search_facets"] = searchFacets,
        };
    }

    /// <summary>The facets of every match: CKAN's deprecated value→count map and its search_facets with display names.</summary>
    private static (JsonObject Facets, JsonObject SearchFacets) Facets(CkanParameters parameters, IReadOnlyList<CatalogEntry> found)
    {
        var limit = parameters.Int("facet.limit", FacetLimitDefault, min: int.MinValue);
        var minimum = parameters.Int("facet.mincount", 1);
        var facets = new JsonObject();
        var searchFacets = new JsonObject();
        if (!parameters.Bool("facet", true))
        {
            return (facets, searchFacets);
        }
        foreach (var field in parameters.List("facet.field"))
        {
            var counts = Facetable.Contains(field)
                ? found.SelectMany(entry => Fields[field](entry).Distinct(StringComparer.Ordinal))
                    .GroupBy(value => value, StringComparer.Ordinal)
                    .Select(group => (Name: group.Key, Count: group.Count()))
                    .Where(value => value.Count >= minimum)
                    .OrderByDescending(value => value.Count).ThenBy(value => value.Name, StringComparer.Ordinal)
                    .Take(limit < 0 ? int.MaxValue : limit)
                    .ToList()
                : [];
            facets[field] = new JsonObject([.. counts.Select(value => KeyValuePair.Create(value.Name, (JsonNode?)value.Count))]);
            var display = DisplayNames(field, found);
            // CKAN lists search_facets by display name, last first.
            searchFacets[field] = new JsonObject
            {
                ["title"] = field,
                ["items"] = new JsonArray([.. counts
                    .Select(value => (value.Name, value.Count, Display: display.GetValueOrDefault(value.Name, value.Name)))
                    .OrderByDescending(value => value.Display, StringComparer.Ordinal)
                    .Select(value => (JsonNode)new JsonObject { ["name"] = value.Name, ["display_name"] = value.Display, ["count"] = value.Count })]),
            };
        }
        return (facets, searchFacets);
    }

    /// <summary>Organizations show their title and licences theirs, as in CKAN; other values are their own display name.</summary>
    private static Dictionary<string, string> DisplayNames(string field, IReadOnlyList<CatalogEntry> found) => field switch
    {
        "organization" => found.DistinctBy(entry => entry.Department.Slug).ToDictionary(entry => entry.Department.Slug, entry => entry.Department.Name),
        "license_id" => found.Select(entry => entry.Dataset.Licence).Distinct().ToDictionary(id => id, id => Licence.Of(id).Title),
        _ => [],
    };

    /// <summary>Splits a query into free text and field:value terms; in fq, free text is an error.</summary>
    private static (string Text, List<Term> Terms) Parse(string query, bool freeText)
    {
        if (query.Trim() == "*:*")
        {
            return ("", []);
        }
        var terms = new List<Term>();
        foreach (Match match in FieldTerm().Matches(query))
        {
            var field = match.Groups["field"].Value;
            if (!Fields.ContainsKey(field))
            {
                if (freeText)
                {
                    continue;
                }
                throw CkanException.BadQuery($"cannot filter on '{field}'; fq knows {string.Join(", ", Fields.Keys)}.");
            }
            terms.Add(new Term(field, match.Groups["value"].Value, match.Groups["sign"].Value == "-"));
        }
        var text = FieldTerm().Replace(query, match => Fields.ContainsKey(match.Groups["field"].Value) ? " " : match.Value).Trim();
        if (!freeText && text.Length > 0)
        {
            throw CkanException.BadQuery($"fq takes field:value terms only, not '{text}'.");
        }
        return (text, terms);
    }

    private static Comparison<(CatalogEntry Entry, int Rank)> Sort(string sort)
    {
        var keys = sort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (parts.Length > 2 || (parts.Length == 2 && !descending && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
            {
                throw CkanException.BadQuery($"cannot sort by '{item}': use 'field asc' or 'field desc'.");
            }
            Comparison<(CatalogEntry Entry, int Rank)> compare = parts[0] switch
            {
                // The catalog ranks best first, so a higher score is a lower rank.
                "score" => (a, b) => b.Rank.CompareTo(a.Rank),
                "metadata_modified" => (a, b) => a.Entry.Modified.CompareTo(b.Entry.Modified),
                "metadata_created" => (a, b) => a.Entry.Dataset.CreatedAt.CompareTo(b.Entry.Dataset.CreatedAt),
                "name" => (a, b) => string.CompareOrdinal(CkanDicts.PackageName(a.Entry.Dataset), CkanDicts.PackageName(b.Entry.Dataset)),
                "title_string" or "title" => (a, b) => string.Compare(a.Entry.Dataset.Title, b.Entry.Dataset.Title, StringComparison.OrdinalIgnoreCase),
                _ => throw CkanException.BadQuery(
                    $"cannot sort by '{parts[0]}': use score, metadata_modified, metadata_created, name or title_string."),
            };
            return descending ? (a, b) => compare(b, a) : compare;
        }).ToList();
        return (a, b) =>
        {
            foreach (var compare in keys)
            {
                if (compare(a, b) is var order and not 0)
                {
                    return order;
                }
            }
            // Names are unique: equal keys still list in one order on every request, as pages need.
            return string.CompareOrdinal(CkanDicts.PackageName(a.Entry.Dataset), CkanDicts.PackageName(b.Entry.Dataset));
        };
    }

    private sealed record Term(string Field, string Value, bool Excludes)
    {
        public bool Matches(CatalogEntry entry) =>
            Fields[Field](entry).Any(value => string.Equals(value, Value, StringComparison.OrdinalIgnoreCase)) != Excludes;
    }

    [GeneratedRegex("""(?<sign>[+-]?)(?<field>[A-Za-z_]+):(?:"(?<value>[^"]*)"|(?<value>[^\s"]+))""", RegexOptions.CultureInvariant)]
    private static partial Regex FieldTerm();
}
