using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// CKAN's documented dictionaries, field by field with the JSON kind each field has: package_show's package
/// (doc/maintaining/cli.rst and model_dictize's tests), its resources, tags and organization, organization_show,
/// package_search's and the DataStore's results, and the error envelope (ckan/views/api.py).
/// </summary>
public static class CkanShapes
{
    private const JsonValueKind Text = JsonValueKind.String;
    private const JsonValueKind Null = JsonValueKind.Null;
    private const JsonValueKind Number = JsonValueKind.Number;
    private const JsonValueKind Array = JsonValueKind.Array;
    private const JsonValueKind Object = JsonValueKind.Object;
    private static readonly JsonValueKind[] Bool = [JsonValueKind.True, JsonValueKind.False];

    public static readonly Dictionary<string, JsonValueKind[]> Package = new()
    {
        ["author"] = [Text, Null], ["author_email"] = [Text, Null], ["creator_user_id"] = [Text, Null], ["extras"] = [Array],
        ["groups"] = [Array], ["id"] = [Text], ["isopen"] = Bool, ["license_id"] = [Text, Null], ["license_title"] = [Text, Null],
        ["license_url"] = [Text, Null], ["maintainer"] = [Text, Null], ["maintainer_email"] = [Text, Null],
        ["metadata_created"] = [Text], ["metadata_modified"] = [Text], ["name"] = [Text], ["notes"] = [Text, Null],
        ["num_resources"] = [Number], ["num_tags"] = [Number], ["organization"] = [Object, Null], ["owner_org"] = [Text, Null],
        ["private"] = Bool, ["relationships_as_object"] = [Array], ["relationships_as_subject"] = [Array], ["resources"] = [Array],
        ["state"] = [Text], ["tags"] = [Array], ["title"] = [Text], ["type"] = [Text], ["url"] = [Text, Null], ["version"] = [Text, Null],
    };

    public static readonly Dictionary<string, JsonValueKind[]> Resource = new()
    {
        ["cache_last_updated"] = [Text, Null], ["cache_url"] = [Text, Null], ["created"] = [Text], ["datastore_active"] = Bool,
        ["description"] = [Text, Null], ["format"] = [Text], ["hash"] = [Text, Null], ["id"] = [Text], ["last_modified"] = [Text, Null],
        ["metadata_modified"] = [Text, Null], ["mimetype"] = [Text, Null], ["mimetype_inner"] = [Text, Null], ["name"] = [Text, Null],
        ["package_id"] = [Text], ["position"] = [Number], ["resource_type"] = [Text, Null], ["size"] = [Number, Null], ["state"] = [Text],
        ["url"] = [Text], ["url_type"] = [Text, Null],
    };

    public static readonly Dictionary<string, JsonValueKind[]> Tag = new()
    {
        ["display_name"] = [Text], ["id"] = [Text], ["name"] = [Text], ["state"] = [Text], ["vocabulary_id"] = [Text, Null],
    };

    public static readonly Dictionary<string, JsonValueKind[]> PackageOrganization = new()
    {
        ["approval_status"] = [Text], ["description"] = [Text], ["id"] = [Text], ["image_url"] = [Text], ["is_organization"] = Bool,
        ["name"] = [Text], ["state"] = [Text], ["title"] = [Text], ["type"] = [Text],
    };

    /// <summary>organization_list with all_fields.</summary>
    public static readonly Dictionary<string, JsonValueKind[]> OrganizationListItem = new(PackageOrganization)
    {
        ["display_name"] = [Text], ["image_display_url"] = [Text], ["package_count"] = [Number],
    };

    public static readonly Dictionary<string, JsonValueKind[]> Organization = new(OrganizationListItem)
    {
        ["num_followers"] = [Number], ["extras"] = [Array], ["groups"] = [Array], ["tags"] = [Array], ["users"] = [Array],
    };

    public static readonly Dictionary<string, JsonValueKind[]> PackageSearch = new()
    {
        ["count"] = [Number], ["facets"] = [Object], ["results"] = [Array], ["sort"] = [Text], ["search_facets"] = [Object],
    };

    public static readonly Dictionary<string, JsonValueKind[]> DatastoreSearch = new()
    {
        ["include_total"] = Bool, ["resource_id"] = [Text], ["fields"] = [Array], ["records_format"] = [Text], ["records"] = [Array],
        ["limit"] = [Number], ["offset"] = [Number], ["filters"] = [Object], ["_links"] = [Object], ["total"] = [Number],
        ["total_was_estimated"] = Bool,
    };

    public static readonly Dictionary<string, JsonValueKind[]> DatastoreSearchSql = new()
    {
        ["sql"] = [Text], ["fields"] = [Array], ["records"] = [Array],
    };

    /// <summary>Every field of the shape is there with one of its kinds, and nothing else is.</summary>
    public static void Assert(Dictionary<string, JsonValueKind[]> shape, JsonElement actual, params string[] optional)
    {
        Xunit.Assert.Equal(JsonValueKind.Object, actual.ValueKind);
        foreach (var (name, kinds) in shape)
        {
            Xunit.Assert.True(actual.TryGetProperty(name, out var value), $"'{name}' is missing from {actual.GetRawText()}");
            Xunit.Assert.True(kinds.Contains(value.ValueKind), $"'{name}' is {value.ValueKind}, not {string.Join(" or ", kinds)}");
        }
        var extra = actual.EnumerateObject().Select(p => p.Name).Except(shape.Keys).Except(optional).ToList();
        Xunit.Assert.True(extra.Count == 0, $"not in CKAN's shape: {string.Join(", ", extra)}");
    }

    /// <summary>CKAN's failed envelope: help, success false, and an error with its __type, at CKAN's status for it.</summary>
    public static JsonElement Error((System.Net.HttpStatusCode Status, JsonElement Body) answer, System.Net.HttpStatusCode status, string type)
    {
        Xunit.Assert.Equal(status, answer.Status);
        Xunit.Assert.Equal(["help", "success", "error"], answer.Body.EnumerateObject().Select(p => p.Name));
        Xunit.Assert.False(answer.Body.GetProperty("success").GetBoolean());
        var error = answer.Body.GetProperty("error");
        Xunit.Assert.Equal(type, error.GetProperty("__type").GetString());
        return error;
    }
}
