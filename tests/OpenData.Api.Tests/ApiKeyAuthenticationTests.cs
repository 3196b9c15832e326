using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace OpenData.Api.Tests;

public class ApiKeyAuthenticationTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private readonly ApiSeed _seed = new(factory);

    [Fact]
    public async Task Admin_endpoint_answers_401_without_a_key()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/departments", new { slug = "x", name = "X" });

        var detail = await ProblemAssert.Detail(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", detail);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Any_endpoint_answers_401_with_a_wrong_key()
    {
        using var client = factory.CreateClient("od_not-a-real-key");

        var response = await client.GetAsync("/api/v1/datasets");

        Assert.Contains("not valid", await ProblemAssert.Detail(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authorization_header_that_is_not_bearer_answers_401()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Authorization", "Basic dXNlcjpwYXNz");

        var response = await client.GetAsync("/api/v1/departments");

        Assert.Contains("Bearer <API key>", await ProblemAssert.Detail(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Admin_endpoint_answers_403_for_an_analyst_and_a_publisher()
    {
        var (_, publisherKey) = await _seed.DepartmentAsync();
        var analystKey = await _seed.KeyAsync("analyst");

        foreach (var key in new[] { analystKey, publisherKey })
        {
            using var client = factory.CreateClient(key);
            var response = await client.PostAsJsonAsync("/api/v1/departments", new { slug = ApiSeed.Unique("no"), name = "No" });
            await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Keys_are_stored_hashed_never_raw()
    {
        var (_, publisherKey) = await _seed.DepartmentAsync();
        var analystKey = await _seed.KeyAsync("analyst");
        SqliteConnection.ClearAllPools();

        var path = Path.Combine(factory.DataDirectory, "keys.db");
        var bytes = Encoding.UTF8.GetString(await ReadAllBytesSharedAsync(path));
        foreach (var raw in new[] { publisherKey, analystKey, OpenDataApiFactory.TestAdminKey })
        {
            Assert.DoesNotContain(raw, bytes);
            Assert.Contains(ApiKeySecret.Hash(raw), bytes);
        }
    }

    [Fact]
    public async Task CreateKey_refuses_a_publisher_key_without_department_with_400()
    {
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "p", role = "publisher" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("department", out _));
    }

    [Fact]
    public async Task CreateKey_refuses_an_unknown_role_with_400_naming_the_field()
    {
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "p", role = "superuser" });

        Assert.Contains("role", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Created_analyst_key_authenticates()
    {
        var key = await _seed.KeyAsync("analyst");
        using var client = factory.CreateClient(key);

        var response = await client.GetAsync("/api/v1/datasets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, body.GetProperty("items").ValueKind);
    }

    // WAL or not, SQLite writes committed pages to the main file or the -wal beside it: read both.
    private static async Task<byte[]> ReadAllBytesSharedAsync(string path)
    {
        var all = new List<byte>();
        foreach (var file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            all.AddRange(memory.ToArray());
        }
        return [.. all];
    }
}
