using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

public class DepartmentsApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private readonly ApiSeed _seed = new(factory);

    [Fact]
    public async Task CreateDepartment_answers_201_with_the_department_and_a_working_publisher_key()
    {
        using var admin = factory.CreateAdminClient();
        var slug = ApiSeed.Unique("transport");

        var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug, name = "Transport", contact = "data@transport.gov" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/departments/{slug}", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(slug, body.GetProperty("department").GetProperty("slug").GetString());
        Assert.Equal("data@transport.gov", body.GetProperty("department").GetProperty("contact").GetString());
        var key = body.GetProperty("publisherKey").GetString()!;
        Assert.StartsWith("od_", key);

        await _seed.DatasetAsync(key, new { department = slug, slug = "tickets", title = "Tickets" });
    }

    [Fact]
    public async Task Publisher_key_is_shown_only_when_the_department_is_created()
    {
        var (slug, key) = await _seed.DepartmentAsync();
        using var admin = factory.CreateAdminClient();

        var list = await admin.GetStringAsync("/api/v1/departments");
        var one = await admin.GetStringAsync($"/api/v1/departments/{slug}");

        Assert.Contains(slug, list);
        Assert.DoesNotContain(key, list);
        Assert.DoesNotContain(key, one);
    }

    [Fact]
    public async Task ListDepartments_is_open_to_anonymous_callers()
    {
        var (slug, _) = await _seed.DepartmentAsync();
        using var client = factory.CreateClient();

        var departments = await client.GetFromJsonAsync<JsonElement>("/api/v1/departments");

        Assert.Contains(departments.EnumerateArray(), d => d.GetProperty("slug").GetString() == slug);
    }

    [Fact]
    public async Task GetDepartment_answers_404_problem_for_an_unknown_slug()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/departments/no-such-department");

        Assert.Contains("no-such-department", await ProblemAssert.Detail(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task CreateDepartment_answers_409_when_the_slug_exists()
    {
        var (slug, _) = await _seed.DepartmentAsync();
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug, name = "Again" });

        Assert.Contains(slug, await ProblemAssert.Detail(response, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task CreateDepartment_answers_400_for_a_missing_name_or_a_malformed_slug()
    {
        using var admin = factory.CreateAdminClient();

        var missing = await admin.PostAsJsonAsync("/api/v1/departments", new { slug = "ok-slug" });
        var malformed = await admin.PostAsJsonAsync("/api/v1/departments", new { slug = "Not A Slug", name = "X" });

        Assert.Contains("name", await ProblemAssert.Detail(missing, HttpStatusCode.BadRequest));
        Assert.Contains("Not A Slug", await ProblemAssert.Detail(malformed, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task CreateDepartment_answers_400_saying_where_the_json_is_broken()
    {
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsync("/api/v1/departments",
            new StringContent("{\"slug\": \"x\", \"name\": 42}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("$.name", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
    }
}
