using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>CKAN's Action API through the real host: CKAN's shapes field by field, its errors, and who sees what.</summary>
[Collection(CkanLakeCollection.Name)]
public sealed class CkanApiTests(CkanLake lake)
{
    [Fact]
    public async Task Package_show_answers_ckans_package_with_a_resource_per_download_format()
    {
        var package = await lake.ResultAsync(null, "package_show", ("id", lake.Tickets));

        CkanShapes.Assert(CkanShapes.Package, package);
        Assert.Equal(lake.Tickets, package.GetProperty("name").GetString());
        Assert.Equal("Traffic tickets", package.GetProperty("title").GetString());
        Assert.Equal("Tickets issued by the traffic police.", package.GetProperty("notes").GetString());
        Assert.Equal("CC-BY-4.0", package.GetProperty("license_id").GetString());
        Assert.True(package.GetProperty("isopen").GetBoolean());
        Assert.False(package.GetProperty("private").GetBoolean());
        Assert.Equal("2", package.GetProperty("version").GetString());
        Assert.Equal("data@example.gov", package.GetProperty("maintainer_email").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$", package.GetProperty("metadata_modified").GetString());
        var organization = package.GetProperty("organization");
        CkanShapes.Assert(CkanShapes.PackageOrganization, organization);
        Assert.Equal(lake.Transport, organization.GetProperty("name").GetString());
        Assert.Equal(organization.GetProperty("id").GetString(), package.GetProperty("owner_org").GetString());
        Assert.Equal(["traffic", "fines"], package.GetProperty("tags").EnumerateArray().Select(tag => tag.GetProperty("name").GetString()));
        Assert.All(package.GetProperty("tags").EnumerateArray(), tag => CkanShapes.Assert(CkanShapes.Tag, tag));
        Assert.Equal(2, package.GetProperty("num_tags").GetInt32());
        Assert.Contains(package.GetProperty("extras").EnumerateArray(), extra => extra.GetProperty("key").GetString() == "update_frequency");

        var resources = package.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(4, package.GetProperty("num_resources").GetInt32());
        Assert.Equal(["CSV", "JSON", "NDJSON", "PARQUET"], resources.Select(r => r.GetProperty("format").GetString()));
        Assert.All(resources, resource => CkanShapes.Assert(CkanShapes.Resource, resource));
        Assert.Equal([0, 1, 2, 3], resources.Select(r => r.GetProperty("position").GetInt32()));
        Assert.All(resources, r => Assert.Equal(package.GetProperty("id").GetString(), r.GetProperty("package_id").GetString()));
        Assert.EndsWith($"/data/{lake.Transport}/traffic-tickets.csv", resources[0].GetProperty("url").GetString());
        Assert.Equal("text/csv", resources[0].GetProperty("mimetype").GetString());
    }

    [Fact]
    public async Task Ids_are_stable_uuids_and_find_the_same_package_and_resource()
    {
        var package = await lake.ResultAsync(null, "package_show", ("id", lake.Tickets));
        var id = package.GetProperty("id").GetString()!;
        var resource = package.GetProperty("resources")[1];

        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(package.GetRawText(), (await lake.ResultAsync(null, "package_show", ("id", id))).GetRawText());
        var shown = await lake.ResultAsync(null, "resource_show", ("id", resource.GetProperty("id").GetString()!));
        Assert.Equal(resource.GetRawText(), shown.GetRawText());
        // Name-based ids: the same in another host over the same catalog, so clients may keep them.
        Assert.Equal(id, OpenData.Api.CkanIds.Package(lake.Transport, "traffic-tickets"));
    }

    [Fact]
    public async Task A_dataset_without_data_has_no_resources_and_its_licence_title()
    {
        var package = await lake.ResultAsync(null, "package_show", ("id", $"{lake.Transport}--bus-stops"));

        CkanShapes.Assert(CkanShapes.Package, package);
        Assert.Equal(0, package.GetProperty("num_resources").GetInt32());
        Assert.Equal(JsonValueKind.Null, package.GetProperty("version").ValueKind);
        Assert.Equal("Open Data Commons Open Database License 1.0", package.GetProperty("license_title").GetString());
    }

    [Fact]
    public async Task Get_and_post_answer_the_same()
    {
        var get = await lake.ResultAsync(null, "package_show", ("id", lake.Tickets));
        var (status, post) = await lake.PostAsync(null, "package_show", new { id = lake.Tickets });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(get.GetRawText(), post.GetProperty("result").GetRawText());
        using var client = lake.Factory.CreateClient();
        var unversioned = await client.GetFromJsonAsync<JsonElement>($"/api/action/package_show?id={lake.Tickets}");
        Assert.Equal(get.GetRawText(), unversioned.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task The_public_never_sees_internal_or_restricted_datasets_nor_personal_columns()
    {
        foreach (var name in new[] { $"{lake.Health}--appointments", $"{lake.Transport}--officer-notes" })
        {
            var error = CkanShapes.Error(await lake.GetAsync(null, "package_show", ("id", name)), HttpStatusCode.NotFound, "Not Found Error");
            Assert.StartsWith("Not found: ", error.GetProperty("message").GetString());
        }
        Assert.Equal([$"{lake.Transport}--bus-stops", lake.Tickets],
            (await lake.ResultAsync(null, "package_list")).EnumerateArray().Select(name => name.GetString()));
        var everything = await lake.ResultAsync(null, "package_search", ("include_private", "true"), ("rows", "100"));
        Assert.Equal(2, everything.GetProperty("count").GetInt32());
        Assert.DoesNotContain("plate_number", everything.GetRawText());
    }

    [Fact]
    public async Task Keys_see_what_the_rest_of_the_api_shows_them()
    {
        var appointments = await lake.ResultAsync(lake.AnalystKey, "package_show", ("id", $"{lake.Health}--appointments"));
        Assert.True(appointments.GetProperty("private").GetBoolean());
        CkanShapes.Error(await lake.GetAsync(lake.AnalystKey, "package_show", ("id", $"{lake.Transport}--officer-notes")), HttpStatusCode.NotFound, "Not Found Error");
        Assert.Equal("Officer notes", (await lake.ResultAsync(lake.GrantedKey, "package_show", ("id", $"{lake.Transport}--officer-notes"))).GetProperty("title").GetString());

        // As CKAN: datasets that are not public only with include_private, and package_list never lists them.
        var search = await lake.ResultAsync(lake.AnalystKey, "package_search", ("rows", "100"));
        Assert.Equal(2, search.GetProperty("count").GetInt32());
        var withPrivate = await lake.ResultAsync(lake.AnalystKey, "package_search", ("include_private", "true"), ("rows", "100"));
        Assert.Equal(3, withPrivate.GetProperty("count").GetInt32());
        Assert.Equal(2, (await lake.ResultAsync(lake.AnalystKey, "package_list")).GetArrayLength());
    }

    [Fact]
    public async Task Keys_sent_as_ckans_clients_send_them_are_accepted_on_ckans_routes_only()
    {
        using var client = lake.Factory.CreateClient();
        async Task<HttpStatusCode> ShowAsync(string path, string header, string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation(header, value);
            return (await client.SendAsync(request)).StatusCode;
        }
        var show = $"/api/3/action/package_show?id={lake.Health}--appointments";

        Assert.Equal(HttpStatusCode.OK, await ShowAsync(show, "Authorization", lake.AnalystKey));
        Assert.Equal(HttpStatusCode.OK, await ShowAsync(show, "X-CKAN-API-Key", lake.AnalystKey));
        Assert.Equal(HttpStatusCode.OK, await ShowAsync($"/api/action/package_show?id={lake.Health}--appointments", "Authorization", lake.AnalystKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await ShowAsync(show, "X-CKAN-API-Key", "not-a-key-at-all-0123"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ShowAsync(show, "Authorization", "not-a-key-at-all-0123"));
        // Elsewhere a key is still 'Bearer <key>' only.
        Assert.Equal(HttpStatusCode.Unauthorized, await ShowAsync($"/api/v1/datasets/{lake.Health}/appointments", "Authorization", lake.AnalystKey));
    }

    [Fact]
    public async Task Package_search_answers_ckans_result_with_facets()
    {
        var result = await lake.ResultAsync(null, "package_search",
            ("q", "tickets"), ("facet.field", """["organization","tags","res_format","license_id"]"""));

        CkanShapes.Assert(CkanShapes.PackageSearch, result);
        Assert.Equal(1, result.GetProperty("count").GetInt32());
        Assert.Equal("score desc, metadata_modified desc", result.GetProperty("sort").GetString());
        CkanShapes.Assert(CkanShapes.Package, result.GetProperty("results")[0]);
        Assert.Equal(1, result.GetProperty("facets").GetProperty("tags").GetProperty("traffic").GetInt32());
        var organization = result.GetProperty("search_facets").GetProperty("organization");
        Assert.Equal("organization", organization.GetProperty("title").GetString());
        var item = organization.GetProperty("items")[0];
        Assert.Equal(["name", "display_name", "count"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(lake.Transport, item.GetProperty("name").GetString());
        Assert.Equal("Department " + lake.Transport, item.GetProperty("display_name").GetString());
        // search_facets are listed by display name, last first, as CKAN lists them.
        Assert.Equal(["PARQUET", "NDJSON", "JSON", "CSV"],
            result.GetProperty("search_facets").GetProperty("res_format").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Package_search_filters_sorts_and_pages()
    {
        async Task<string[]> Names(params (string, string)[] parameters) =>
            (await lake.ResultAsync(null, "package_search", parameters)).GetProperty("results").EnumerateArray()
                .Select(p => p.GetProperty("name").GetString()!).ToArray();

        Assert.Equal([lake.Tickets], await Names(("fq", "tags:traffic")));
        Assert.Equal([lake.Tickets], await Names(("fq", "+res_format:CSV +dataset_type:dataset")));
        Assert.Equal([$"{lake.Transport}--bus-stops"], await Names(("fq", "-res_format:CSV")));
        Assert.Equal([$"{lake.Transport}--bus-stops"], await Names(("q", "license_id:ODbL-1.0")));
        Assert.Equal([$"{lake.Transport}--bus-stops", lake.Tickets], await Names(("sort", "name asc"), ("fq", $"organization:{lake.Transport}")));
        Assert.Equal([lake.Tickets, $"{lake.Transport}--bus-stops"], await Names(("sort", "title_string desc")));
        Assert.Equal([lake.Tickets], await Names(("sort", "name asc"), ("rows", "1"), ("start", "1")));
        var (status, post) = await lake.PostAsync(null, "package_search",
            new Dictionary<string, object> { ["fq"] = "tags:traffic", ["rows"] = 5, ["facet.field"] = new[] { "tags" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, post.GetProperty("result").GetProperty("count").GetInt32());
        Assert.Equal(1, post.GetProperty("result").GetProperty("facets").GetProperty("tags").GetProperty("fines").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_answer_ckans_errors()
    {
        var missing = CkanShapes.Error(await lake.GetAsync(null, "package_show"), HttpStatusCode.Conflict, "Validation Error");
        Assert.Equal(["Missing value"], missing.GetProperty("name_or_id").EnumerateArray().Select(m => m.GetString()));
        var rows = CkanShapes.Error(await lake.GetAsync(null, "package_search", ("rows", "many")), HttpStatusCode.Conflict, "Validation Error");
        Assert.Equal("Invalid integer", rows.GetProperty("rows")[0].GetString());
        var fq = CkanShapes.Error(await lake.GetAsync(null, "package_search", ("fq", "colour:blue")), HttpStatusCode.BadRequest, "Search Query Error");
        Assert.Contains("colour", fq.GetProperty("message").GetString());
        CkanShapes.Error(await lake.GetAsync(null, "resource_show", ("id", Guid.NewGuid().ToString())), HttpStatusCode.NotFound, "Not Found Error");

        // As CKAN: an unknown action and unreadable JSON are 400 with a message, outside the envelope.
        var (status, body) = await lake.GetAsync(null, "package_create");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Bad request: Action name not known: package_create", body.GetString());
        using var client = lake.Factory.CreateClient();
        var broken = await client.PostAsync("/api/3/action/package_show", new StringContent("[1, 2", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.StartsWith("Bad request: JSON Error", (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetString());
    }

    [Fact]
    public async Task Organizations_are_departments()
    {
        var names = await lake.ResultAsync(null, "organization_list", ("sort", "name asc"));
        Assert.Equal(new[] { lake.Health, lake.Transport }.Order(StringComparer.Ordinal), names.EnumerateArray().Select(n => n.GetString()));

        var all = await lake.ResultAsync(null, "organization_list", ("all_fields", "true"), ("sort", "package_count desc"));
        Assert.All(all.EnumerateArray(), organization => CkanShapes.Assert(CkanShapes.OrganizationListItem, organization));
        Assert.Equal([2, 0], all.EnumerateArray().Select(o => o.GetProperty("package_count").GetInt32()));

        var transport = await lake.ResultAsync(lake.TransportKey, "organization_show", ("id", lake.Transport), ("include_datasets", "true"));
        CkanShapes.Assert(CkanShapes.Organization, transport, "packages");
        Assert.Equal(3, transport.GetProperty("package_count").GetInt32());
        Assert.Equal(3, transport.GetProperty("packages").GetArrayLength());
        var byId = await lake.ResultAsync(null, "organization_show", ("id", transport.GetProperty("id").GetString()!));
        Assert.Equal(2, byId.GetProperty("package_count").GetInt32());
        Assert.False(byId.TryGetProperty("packages", out _));
        CkanShapes.Error(await lake.GetAsync(null, "organization_show", ("id", "nowhere")), HttpStatusCode.NotFound, "Not Found Error");
    }

    [Fact]
    public async Task Help_show_says_what_an_action_does()
    {
        Assert.Contains("resource_id", (await lake.ResultAsync(null, "help_show", ("name", "datastore_search"))).GetString());
        CkanShapes.Error(await lake.GetAsync(null, "help_show", ("name", "nothing")), HttpStatusCode.NotFound, "Not Found Error");
    }
}
