using OpenData.Catalog;

namespace OpenData.Api.Portal.Catalog;

/// <summary>One way to narrow the catalog: its query-string name, its label and the values a dataset has for it.</summary>
public sealed record CatalogFacet(string Name, string Label, Func<Dataset, IEnumerable<string>> ValuesOf);

public static class CatalogFacets
{
    /// <summary>What every dataset with data can be downloaded as (GET /data/{department}/{dataset}.{format}).</summary>
    public static IReadOnlyList<string> DownloadFormats { get; } =
        Enum.GetValues<SqlFormat>().OrderBy(format => format != SqlFormat.Csv).Select(SqlFormats.Extension).ToList();

    public static IReadOnlyList<CatalogFacet> All { get; } =
    [
        new("department", "Department", dataset => [dataset.Department]),
        new("theme", "Theme", dataset => dataset.Theme is { Length: > 0 } theme ? [theme] : []),
        new("keyword", "Keyword", dataset => dataset.Keywords.Select(keyword => keyword.ToLowerInvariant()).Distinct()),
        new("licence", "Licence", dataset => [dataset.Licence]),
        new("format", "Format", dataset => dataset.CurrentVersion is null ? [] : DownloadFormats),
        new("access", "Access level", dataset => [dataset.Access.ToString().ToLowerInvariant()]),
    ];
}
