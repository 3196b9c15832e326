using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>The absolute addresses catalogs link to, under the address the catalog was read at ("https://data.example.gov").</summary>
public sealed record CatalogLinks(string BaseUrl)
{
    /// <summary>Where the portal shows a dataset: the landing page of DCAT and schema.org.</summary>
    public const string DatasetPagePrefix = "/datasets";

    /// <summary>The scheme, host and path base the request came to.</summary>
    public static CatalogLinks From(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}");

    public string Catalog(string path) => BaseUrl + path;

    public string LandingPage(Dataset dataset) => $"{BaseUrl}{DatasetPagePrefix}/{dataset.Department}/{dataset.Slug}";

    /// <summary>The dataset's metadata in the API: its schema, so also its data dictionary.</summary>
    public string Metadata(Dataset dataset) => $"{BaseUrl}/api/v1/datasets/{dataset.Department}/{dataset.Slug}";

    public string Department(string department) => $"{BaseUrl}/api/v1/departments/{department}";

    public string Download(Dataset dataset, DistributionFormat format) =>
        $"{BaseUrl}{DownloadsApi.Prefix}/{dataset.Department}/{dataset.Slug}.{format.Extension}";
}
