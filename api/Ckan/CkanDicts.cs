using System.Globalization;
using System.Text.Json.Nodes;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// Datasets, departments and downloads as CKAN's dictionaries, field by field as CKAN's package_show,
/// organization_show and resource_show answer them: a dataset is a package, its department its organization and
/// each download format a resource. Fields CKAN has but the catalog does not know are null or empty, as in CKAN.
/// </summary>
public static class CkanDicts
{
    /// <summary>A package's name: CKAN's names are unique site-wide, slugs only within their department.</summary>
    public static string PackageName(Dataset dataset) => $"{dataset.Department}{NameSeparator}{dataset.Slug}";

    public const string NameSeparator = "--";

    public static JsonObject Package(CatalogEntry entry, CatalogLinks links)
    {
        var dataset = entry.Dataset;
        var licence = Licence.Of(dataset.Licence);
        var resources = entry.Formats.Select((format, position) => (JsonNode)Resource(entry, format, position, links)).ToArray();
        var tags = dataset.Keywords.Select(keyword => (JsonNode)new JsonObject
        {
            ["id"] = CkanIds.Tag(keyword),
            ["name"] = keyword,
            ["display_name"] = keyword,
            ["state"] = "active",
            ["vocabulary_id"] = null,
        }).ToArray();
        return new JsonObject
        {
            ["id"] = CkanIds.Package(dataset.Department, dataset.Slug),
            ["name"] = PackageName(dataset),
            ["title"] = dataset.Title,
            ["notes"] = dataset.Description,
            ["type"] = "dataset",
            ["state"] = "active",
            ["private"] = dataset.Access != AccessLevel.Public,
            ["owner_org"] = CkanIds.Organization(dataset.Department),
            ["organization"] = Organization(entry.Department),
            ["author"] = null,
            ["author_email"] = null,
            ["maintainer"] = entry.Department.Name,
            ["maintainer_email"] = ContactPoint.Email(entry.Department),
            ["license_id"] = licence.Id,
            ["license_title"] = licence.Title,
            ["license_url"] = licence.Url,
            ["isopen"] = licence.IsOpen,
            ["url"] = links.LandingPage(dataset),
            ["version"] = entry.Current?.Number.ToString(CultureInfo.InvariantCulture),
            ["metadata_created"] = Time(dataset.CreatedAt),
            ["metadata_modified"] = Time(entry.Modified),
            ["creator_user_id"] = null,
            ["num_resources"] = resources.Length,
            ["resources"] = new JsonArray(resources),
            ["num_tags"] = tags.Length,
            ["tags"] = new JsonArray(tags),
            ["groups"] = new JsonArray(),
            ["extras"] = Extras(dataset),
            ["relationships_as_subject"] = new JsonArray(),
            ["relationships_as_object"] = new JsonArray(),
        };
    }

    /// <summary>The organization as a package embeds it; organization_show adds its counts and lists.</summary>
    public static JsonObject Organization(Department department) => new()
    {
        ["id"] = CkanIds.Organization(department.Slug),
        ["name"] = department.Slug,
        ["title"] = department.Name,
        ["type"] = "organization",
        ["description"] = "",
        ["image_url"] = "",
        ["is_organization"] = true,
        ["approval_status"] = "approved",
        ["state"] = "active",
    };

    public static JsonObject Resource(CatalogEntry entry, DistributionFormat format, int position, CatalogLinks links)
    {
        var dataset = entry.Dataset;
        return new JsonObject
        {
            ["id"] = CkanIds.Resource(dataset.Department, dataset.Slug, format),
            ["package_id"] = CkanIds.Package(dataset.Department, dataset.Slug),
            ["name"] = $"{dataset.Title} ({format.Name})",
            ["description"] = $"{dataset.Title}, version {entry.Current?.Number}, as {format.Name}.",
            ["url"] = links.Download(dataset, format),
            ["url_type"] = null,
            ["format"] = format.Name,
            ["mimetype"] = format.MediaType,
            ["mimetype_inner"] = null,
            ["hash"] = "",
            ["size"] = null,
            ["position"] = position,
            ["resource_type"] = null,
            ["state"] = "active",
            ["created"] = entry.Current is { } version ? Time(version.CreatedAt) : null,
            ["last_modified"] = Time(entry.Modified),
            ["metadata_modified"] = Time(entry.Modified),
            ["cache_url"] = null,
            ["cache_last_updated"] = null,
            // Every format reads the same rows: datastore_search and datastore_search_sql query them in the caller's sandbox.
            ["datastore_active"] = true,
        };
    }

    /// <summary>CKAN's timestamps: UTC without an offset, to the microsecond ("2024-03-01T10:30:00.000000").</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static JsonArray Extras(Dataset dataset)
    {
        var extras = new JsonArray();
        foreach (var (key, value) in new[]
        {
            ("access_level", dataset.Access.ToString().ToLowerInvariant()),
            ("theme", dataset.Theme),
            ("update_frequency", dataset.UpdateFrequency),
        })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                extras.Add(new JsonObject { ["key"] = key, ["value"] = value });
            }
        }
        return extras;
    }
}
