using System.Text.Json.Nodes;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// A dataset as schema.org's <c>Dataset</c> in JSON-LD, for a dataset page to embed so that search engines index it
/// (<c>&lt;script type="application/ld+json"&gt;</c>). Only what the public may see: nothing for a dataset that is not
/// public, and only the public tier's columns.
/// </summary>
public static class SchemaOrgDataset
{
    /// <summary>The JSON-LD, or null when the dataset is not public (its page must then embed nothing).</summary>
    /// <param name="current">The current version (GetVersionAsync of Dataset.CurrentVersion), or null before the first upload.</param>
    /// <param name="baseUrl">The site's address, as "https://data.example.gov" (see <see cref="CatalogLinks.From"/>).</param>
    /// <remarks><c>ToJsonString()</c> with default options escapes &lt;, &gt; and &amp;, so its text is safe inside the script element.</remarks>
    public static JsonObject? Build(Dataset dataset, Department department, DatasetVersion? current, string baseUrl) =>
        dataset.Access == AccessLevel.Public ? Build(new CatalogEntry(dataset, department, current), new CatalogLinks(baseUrl)) : null;

    private static JsonObject Build(CatalogEntry entry, CatalogLinks links)
    {
        var dataset = entry.Dataset;
        var creator = new JsonObject { ["@type"] = "Organization", ["name"] = entry.Department.Name, ["url"] = links.Department(dataset.Department) };
        if (ContactPoint.Email(entry.Department) is { } email)
        {
            creator["email"] = email;
        }
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org/",
            ["@type"] = "Dataset",
            ["@id"] = links.LandingPage(dataset),
            ["url"] = links.LandingPage(dataset),
            ["identifier"] = entry.Identifier,
            ["name"] = dataset.Title,
            ["description"] = entry.Description,
            ["keywords"] = new JsonArray([.. entry.Keywords.Select(keyword => (JsonNode)keyword)]),
            ["creator"] = creator,
            ["isAccessibleForFree"] = true,
            ["dateCreated"] = DcatTime.Iso(dataset.CreatedAt),
            ["dateModified"] = DcatTime.Iso(entry.Modified),
        };
        if (Licence.Of(dataset.Licence).Url is { } licence)
        {
            json["license"] = licence;
        }
        if (entry.Current is { } version)
        {
            json["version"] = version.Number;
            json["distribution"] = new JsonArray([.. entry.Formats.Select(format => (JsonNode)new JsonObject
            {
                ["@type"] = "DataDownload",
                ["name"] = $"{dataset.Title} ({format.Name})",
                ["encodingFormat"] = format.MediaType,
                ["contentUrl"] = links.Download(dataset, format),
            })]);
            json["variableMeasured"] = new JsonArray([.. entry.PublicSchema.Select(column => (JsonNode)new JsonObject
            {
                ["@type"] = "PropertyValue",
                ["name"] = column.Title ?? column.Name,
                ["propertyID"] = column.Name,
            })]);
        }
        return json;
    }
}
