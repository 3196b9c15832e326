using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

public class DatasetsApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private readonly ApiSeed _seed = new(factory);

    [Fact]
    public async Task CreateDataset_answers_201_with_defaults_for_the_departments_publisher()
    {
        var (department, key) = await _seed.DepartmentAsync();

        var created = await _seed.DatasetAsync(key, new
        {
            department, slug = "tickets", title = "Traffic tickets", keywords = new[] { "traffic" },
            personalColumns = new[] { "plate" },
        });

        Assert.Equal(department, created.GetProperty("department").GetString());
        Assert.Equal("CC-BY-4.0", created.GetProperty("licence").GetString());
        Assert.Equal("internal", created.GetProperty("access").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("currentVersion").ValueKind);
    }

    [Fact]
    public async Task CreateDataset_answers_403_for_a_publisher_of_another_department()
    {
        var (own, key) = await _seed.DepartmentAsync();
        var (other, _) = await _seed.DepartmentAsync();
        using var client = factory.CreateClient(key);

        var response = await client.PostAsJsonAsync("/api/v1/datasets", new { department = other, slug = "x", title = "X" });

        Assert.Contains(other, await ProblemAssert.Detail(response, HttpStatusCode.Forbidden));
        Assert.NotEqual(own, other);
    }

    [Fact]
    public async Task CreateDataset_answers_403_for_an_analyst_and_401_for_anonymous()
    {
        var (department, _) = await _seed.DepartmentAsync();
        using var analyst = factory.CreateClient(await _seed.KeyAsync("analyst"));
        using var anonymous = factory.CreateClient();
        var body = new { department, slug = "x", title = "X" };

        await ProblemAssert.IsProblem(await analyst.PostAsJsonAsync("/api/v1/datasets", body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync("/api/v1/datasets", body), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateDataset_answers_400_422_404_and_409_saying_what_is_wrong()
    {
        var (department, key) = await _seed.DepartmentAsync();
        using var admin = factory.CreateAdminClient();
        using var publisher = factory.CreateClient(key);

        var missing = await publisher.PostAsJsonAsync("/api/v1/datasets", new { department, slug = "x" });
        var badAccess = await publisher.PostAsJsonAsync("/api/v1/datasets", new { department, slug = "x", title = "X", access = "secret" });
        var notInContract = await publisher.PostAsJsonAsync("/api/v1/datasets", new
        {
            department, slug = "x", title = "X", primaryKey = new[] { "id" },
            contract = new[] { new { name = "ticket_id", type = "BIGINT" } },
        });
        var noDepartment = await admin.PostAsJsonAsync("/api/v1/datasets", new { department = "no-such-dep", slug = "x", title = "X" });
        await _seed.DatasetAsync(key, new { department, slug = "dup", title = "Dup" });
        var duplicate = await publisher.PostAsJsonAsync("/api/v1/datasets", new { department, slug = "dup", title = "Dup" });

        Assert.Contains("title", await ProblemAssert.Detail(missing, HttpStatusCode.BadRequest));
        Assert.Contains("$.access", await ProblemAssert.Detail(badAccess, HttpStatusCode.BadRequest));
        var problem = await ProblemAssert.IsProblem(notInContract, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("'id'", problem.GetProperty("errors").GetProperty("primaryKey")[0].GetString());
        Assert.Contains("no-such-dep", await ProblemAssert.Detail(noDepartment, HttpStatusCode.NotFound));
        Assert.Contains("dup", await ProblemAssert.Detail(duplicate, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task UpdateDataset_changes_only_the_fields_given()
    {
        var (department, key) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(key, new { department, slug = "bills", title = "Bills", description = "Monthly bills" });
        using var client = factory.CreateClient(key);

        var response = await client.PatchAsJsonAsync($"/api/v1/datasets/{department}/bills", new { title = "Utility bills", access = "public" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Utility bills", updated.GetProperty("title").GetString());
        Assert.Equal("public", updated.GetProperty("access").GetString());
        Assert.Equal("Monthly bills", updated.GetProperty("description").GetString());
    }

    [Fact]
    public async Task UpdateDataset_answers_403_for_another_department_and_404_for_an_unknown_dataset()
    {
        var (department, key) = await _seed.DepartmentAsync();
        var (_, otherKey) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(key, new { department, slug = "mine", title = "Mine" });
        using var other = factory.CreateClient(otherKey);
        using var owner = factory.CreateClient(key);

        var forbidden = await other.PatchAsJsonAsync($"/api/v1/datasets/{department}/mine", new { title = "Taken" });
        var missing = await owner.PatchAsJsonAsync($"/api/v1/datasets/{department}/nothing", new { title = "T" });

        await ProblemAssert.IsProblem(forbidden, HttpStatusCode.Forbidden);
        Assert.Contains("nothing", await ProblemAssert.Detail(missing, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task SearchDatasets_filters_by_text_department_and_keyword_and_pages()
    {
        var (department, key) = await _seed.DepartmentAsync();
        foreach (var (slug, title, keyword) in new[] { ("a", "Parking tickets", "traffic"), ("b", "Speeding tickets", "traffic"), ("c", "Water bills", "water") })
        {
            await _seed.DatasetAsync(key, new { department, slug, title, keywords = new[] { keyword }, access = "public" });
        }
        using var client = factory.CreateClient();

        var byText = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets?q=tickets&department={department}");
        var byKeyword = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets?department={department}&keyword=water");
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets?department={department}&limit=2&offset=0");
        var last = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets?department={department}&limit=2&offset=2");

        Assert.Equal(["a", "b"], Slugs(byText).Order());
        Assert.Equal(["c"], Slugs(byKeyword));
        Assert.Equal(["a", "b"], Slugs(page));
        Assert.Equal(2, page.GetProperty("nextOffset").GetInt32());
        Assert.Equal(["c"], Slugs(last));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextOffset").ValueKind);
    }

    [Fact]
    public async Task SearchDatasets_answers_400_for_a_limit_out_of_range()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/datasets?limit=0");

        Assert.Contains("limit", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Each_role_sees_only_what_it_may()
    {
        var (department, key) = await _seed.DepartmentAsync();
        var (_, otherKey) = await _seed.DepartmentAsync();
        foreach (var access in new[] { "public", "internal", "restricted" })
        {
            await _seed.DatasetAsync(key, new { department, slug = access, title = access, access });
        }
        var analystKey = await _seed.KeyAsync("analyst");

        var seen = new Dictionary<string, string[]>
        {
            ["anonymous"] = await VisibleAsync(null, department),
            ["analyst"] = await VisibleAsync(analystKey, department),
            ["other publisher"] = await VisibleAsync(otherKey, department),
            ["owner"] = await VisibleAsync(key, department),
            ["admin"] = await VisibleAsync(OpenDataApiFactory.TestAdminKey, department),
        };

        Assert.Equal(["public"], seen["anonymous"]);
        Assert.Equal(["internal", "public"], seen["analyst"]);
        Assert.Equal(["public"], seen["other publisher"]);
        Assert.Equal(["internal", "public", "restricted"], seen["owner"]);
        Assert.Equal(["internal", "public", "restricted"], seen["admin"]);
    }

    [Fact]
    public async Task GetDataset_answers_404_for_a_dataset_the_caller_may_not_see()
    {
        var (department, key) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(key, new { department, slug = "secret", title = "Secret", access = "restricted" });
        using var analyst = factory.CreateClient(await _seed.KeyAsync("analyst"));
        using var owner = factory.CreateClient(key);

        var hidden = await analyst.GetAsync($"/api/v1/datasets/{department}/secret");
        var shown = await owner.GetAsync($"/api/v1/datasets/{department}/secret");

        await ProblemAssert.IsProblem(hidden, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    // Each (role, access level) pair answered by GET one as by the search.
    private async Task<string[]> VisibleAsync(string? key, string department)
    {
        using var client = factory.CreateClient(key);
        var listed = Slugs(await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets?department={department}")).Order().ToArray();
        foreach (var slug in new[] { "public", "internal", "restricted" })
        {
            var response = await client.GetAsync($"/api/v1/datasets/{department}/{slug}");
            Assert.Equal(listed.Contains(slug) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        }
        return listed;
    }

    private static string[] Slugs(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("slug").GetString()!).ToArray();
}
