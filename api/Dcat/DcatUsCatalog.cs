using System.Text.Json.Nodes;

namespace OpenData.Api;

/// <summary>
/// <c>/data.json</c> in DCAT-US 1.1 (Project Open Data), the schema US federal harvesters validate. Every dataset is
/// public, so accessLevel is always "public". bureauCode and programCode are required of federal agencies only: they
/// are written when Dcat:BureauCode and Dcat:ProgramCode are set, and left out otherwise (non-federal catalogs).
/// </summary>
public static class DcatUsCatalog
{
    public const string Schema = "https://project-open-data.cio.gov/v1.1/schema";

    public static JsonObject Build(IEnumerable<CatalogEntry> entries, CatalogLinks links, DcatOptions options) => new()
    {
        ["@context"] = Schema + "/catalog.jsonld",
        ["@id"] = links.Catalog(DcatApi.DataJsonRoute),
        ["@type"] = "dcat:Catalog",
        ["conformsTo"] = Schema,
        ["describedBy"] = Schema + "/catalog.json",
        ["dataset"] = new JsonArray([.. entries.Select(entry => Dataset(entry, links, options))]),
    };

    private static JsonObject Dataset(CatalogEntry entry, CatalogLinks links, DcatOptions options)
    {
        var dataset = entry.Dataset;
        var contact = new JsonObject { ["@type"] = "vcard:Contact", ["fn"] = entry.Department.Name };
        if (ContactPoint.Email(entry.Department, options.ContactEmail) is { } email)
        {
            contact["hasEmail"] = "mailto:" + email;
        }
        var publisher = new JsonObject
        {
            ["@type"] = "org:Organization",
            ["name"] = entry.Department.Name,
            ["subOrganizationOf"] = new JsonObject { ["@type"] = "org:Organization", ["name"] = options.Publisher },
        };
        var json = new JsonObject
        {
            ["@type"] = "dcat:Dataset",
            ["identifier"] = entry.Identifier,
            ["title"] = dataset.Title,
            ["description"] = entry.Description,
            ["keyword"] = new JsonArray([.. entry.Keywords.Select(keyword => (JsonNode)keyword)]),
            ["issued"] = DcatTime.Iso(dataset.CreatedAt),
            ["modified"] = DcatTime.Iso(entry.Modified),
            ["publisher"] = publisher,
            ["contactPoint"] = contact,
            ["accessLevel"] = "public",
            ["landingPage"] = links.LandingPage(dataset),
            ["describedBy"] = links.Metadata(dataset),
            ["describedByType"] = "application/json",
        };
        if (options.BureauCode is { } bureau)
        {
            json["bureauCode"] = new JsonArray(bureau);
        }
        if (options.ProgramCode is { } program)
        {
            json["programCode"] = new JsonArray(program);
        }
        if (Licence.Of(dataset.Licence).Url is { } licence)
        {
            json["license"] = licence;
        }
        if (Frequency.Of(dataset.UpdateFrequency) is { } frequency)
        {
            json["accrualPeriodicity"] = frequency.Iso8601;
        }
        if (!string.IsNullOrWhiteSpace(dataset.Theme))
        {
            json["theme"] = new JsonArray(dataset.Theme);
        }
        if (entry.Formats.Count > 0)
        {
            json["distribution"] = new JsonArray([.. entry.Formats.Select(format => (JsonNode)new JsonObject
            {
                ["@type"] = "dcat:Distribution",
                ["title"] = $"{dataset.Title} ({format.Name})",
                ["downloadURL"] = links.Download(dataset, format),
                ["mediaType"] = format.MediaType,
                ["format"] = format.Name,
            })]);
        }
        return json;
    }
}
