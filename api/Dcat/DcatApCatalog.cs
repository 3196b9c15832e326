using System.Text.Json.Nodes;

namespace OpenData.Api;

/// <summary>
/// <c>/catalog.jsonld</c>: the catalog in DCAT-AP as JSON-LD, the form the European Data Portal harvests. Agents are
/// foaf:Agent, times xsd:dateTime, media types IANA URIs and formats the EU's file-type authority; a format that
/// neither knows (NDJSON) is described by its title and links alone.
/// </summary>
public static class DcatApCatalog
{
    private static readonly JsonObject Context = new()
    {
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dct"] = "http://purl.org/dc/terms/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
    };

    public static JsonObject Build(IReadOnlyList<CatalogEntry> entries, CatalogLinks links, DcatOptions options)
    {
        var catalog = new JsonObject
        {
            ["@context"] = Context.DeepClone(),
            ["@id"] = links.Catalog(DcatApi.JsonLdRoute),
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = options.Title,
            ["dct:description"] = options.Description,
            ["dct:publisher"] = Agent(links.Catalog("/#publisher"), options.Publisher),
            ["foaf:homepage"] = Id(links.Catalog("/")),
            ["dcat:dataset"] = new JsonArray([.. entries.Select(entry => Dataset(entry, links, options))]),
        };
        if (entries.Count > 0)
        {
            catalog["dct:modified"] = DateTime(entries.Max(entry => entry.Modified));
        }
        return catalog;
    }

    private static JsonObject Dataset(CatalogEntry entry, CatalogLinks links, DcatOptions options)
    {
        var dataset = entry.Dataset;
        var contact = new JsonObject { ["@type"] = "vcard:Organization", ["vcard:fn"] = entry.Department.Name };
        if (ContactPoint.Email(entry.Department, options.ContactEmail) is { } email)
        {
            contact["vcard:hasEmail"] = Id("mailto:" + email);
        }
        var json = new JsonObject
        {
            ["@id"] = links.Metadata(dataset),
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = entry.Identifier,
            ["dct:title"] = dataset.Title,
            ["dct:description"] = entry.Description,
            ["dcat:keyword"] = new JsonArray([.. entry.Keywords.Select(keyword => (JsonNode)keyword)]),
            ["dct:publisher"] = Agent(links.Department(dataset.Department), entry.Department.Name),
            ["dcat:contactPoint"] = contact,
            ["dct:issued"] = DateTime(dataset.CreatedAt),
            ["dct:modified"] = DateTime(entry.Modified),
            ["dct:accessRights"] = Id("http://publications.europa.eu/resource/authority/access-right/PUBLIC"),
            ["dcat:landingPage"] = Id(links.LandingPage(dataset)),
            ["dcat:distribution"] = new JsonArray([.. entry.Formats.Select(format => (JsonNode)Distribution(entry, format, links))]),
        };
        if (Frequency.Of(dataset.UpdateFrequency) is { } frequency)
        {
            json["dct:accrualPeriodicity"] = Id(frequency.EuUri);
        }
        return json;
    }

    private static JsonObject Distribution(CatalogEntry entry, DistributionFormat format, CatalogLinks links)
    {
        var dataset = entry.Dataset;
        var url = links.Download(dataset, format);
        var json = new JsonObject
        {
            ["@id"] = url + "#distribution",
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = $"{dataset.Title} ({format.Name})",
            ["dcat:accessURL"] = Id(url),
            ["dcat:downloadURL"] = Id(url),
            ["dct:issued"] = DateTime(entry.Current!.CreatedAt),
            ["dct:modified"] = DateTime(entry.Modified),
        };
        if (format.IanaUri is { } mediaType)
        {
            json["dcat:mediaType"] = Id(mediaType);
        }
        if (format.EuFileTypeUri is { } fileType)
        {
            json["dct:format"] = Id(fileType);
        }
        if (Licence.Of(dataset.Licence).Url is { } licence)
        {
            json["dct:license"] = new JsonObject { ["@id"] = licence, ["@type"] = "dct:LicenseDocument" };
        }
        return json;
    }

    private static JsonObject Agent(string id, string name) => new() { ["@id"] = id, ["@type"] = "foaf:Agent", ["foaf:name"] = name };

    private static JsonObject Id(string iri) => new() { ["@id"] = iri };

    private static JsonObject DateTime(DateTimeOffset time) => new() { ["@value"] = DcatTime.Iso(time), ["@type"] = "xsd:dateTime" };
}
