using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace OpenData.Api.Tests;

public class KeysApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private readonly ApiSeed _seed = new(factory);

    [Fact]
    public async Task CreateKey_answers_201_with_grants_expiry_and_the_secret_this_once()
    {
        var (department, publisherKey) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(publisherKey, new { department, slug = "bills", title = "Bills", access = "restricted" });
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new
        {
            name = "statistics office", role = "analyst", grants = new[] { $"{department}/bills", $"{department}/bills" }, expiresAt,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key");
        var id = key.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/keys/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("od_", body.GetProperty("secret").GetString());
        Assert.Equal([$"{department}/bills"], key.GetProperty("grants").EnumerateArray().Select(grant => grant.GetString()));
        Assert.Equal(expiresAt, key.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("active", key.GetProperty("state").GetString());

        var shown = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/keys/{id}");
        Assert.Equal("statistics office", shown.GetProperty("name").GetString());
        Assert.False(shown.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task CreateKey_refuses_bad_grants_and_an_expiry_in_the_past()
    {
        var (department, publisherKey) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(publisherKey, new { department, slug = "open", title = "Open", access = "public" });
        await _seed.DatasetAsync(publisherKey, new { department, slug = "secret", title = "Secret", access = "restricted" });
        using var admin = factory.CreateAdminClient();

        async Task<JsonElement> Refused(object body, HttpStatusCode status) =>
            await ProblemAssert.IsProblem(await admin.PostAsJsonAsync("/api/v1/keys", body), status);

        var malformed = await Refused(new { name = "a", role = "analyst", grants = new[] { "no-slash" } }, HttpStatusCode.BadRequest);
        var missing = await Refused(new { name = "a", role = "analyst", grants = new[] { $"{department}/nothing" } }, HttpStatusCode.UnprocessableEntity);
        var notRestricted = await Refused(new { name = "a", role = "analyst", grants = new[] { $"{department}/open" } }, HttpStatusCode.UnprocessableEntity);
        var toAdmin = await Refused(new { name = "a", role = "admin", grants = new[] { $"{department}/secret" } }, HttpStatusCode.BadRequest);
        var past = await Refused(new { name = "a", role = "analyst", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, HttpStatusCode.BadRequest);

        Assert.Contains("no-slash", Error(malformed, "grants"));
        Assert.Contains("does not exist", Error(missing, "grants"));
        Assert.Contains("not restricted", Error(notRestricted, "grants"));
        Assert.Contains("admin", Error(toAdmin, "grants"));
        Assert.Contains("future", Error(past, "expiresAt"));
    }

    [Fact]
    public async Task ListKeys_shows_every_key_without_secrets_or_hashes()
    {
        using var admin = factory.CreateAdminClient();
        var created = new List<(string Id, string Secret)>();
        foreach (var role in new[] { "analyst", "admin" })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = $"{role} to list", role });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            created.Add((body.GetProperty("key").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!));
        }

        var text = await admin.GetStringAsync("/api/v1/keys");

        var items = JsonSerializer.Deserialize<JsonElement>(text).EnumerateArray().ToList();
        Assert.Contains(items, item => item.GetProperty("id").GetString() == AdminKeyBootstrap.ConfiguredKeyId);
        foreach (var (id, secret) in created)
        {
            Assert.Contains(items, item => item.GetProperty("id").GetString() == id && item.GetProperty("state").GetString() == "active");
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(ApiKeySecret.Hash(secret), text);
        }
        Assert.DoesNotContain(OpenDataApiFactory.TestAdminKey, text);
        Assert.All(items, item => Assert.False(item.TryGetProperty("secret", out _) || item.TryGetProperty("hash", out _)));
    }

    [Fact]
    public async Task Keys_routes_are_for_admins_only()
    {
        using var analyst = factory.CreateClient(await _seed.KeyAsync("analyst"));
        using var anonymous = factory.CreateClient();

        await ProblemAssert.IsProblem(await analyst.GetAsync("/api/v1/keys"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await analyst.DeleteAsync($"/api/v1/keys/{AdminKeyBootstrap.ConfiguredKeyId}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/api/v1/keys/x"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoked_key_is_refused_from_the_next_request_on_and_stays_listed()
    {
        using var admin = factory.CreateAdminClient();
        var created = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "to revoke", role = "analyst" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("key").GetProperty("id").GetString()!;
        using var analyst = factory.CreateClient(created.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/datasets")).StatusCode);

        var revoked = await admin.DeleteAsync($"/api/v1/keys/{id}");
        var refused = await analyst.GetAsync("/api/v1/datasets");
        var again = await admin.DeleteAsync($"/api/v1/keys/{id}");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var revokedKey = await revoked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("revoked", revokedKey.GetProperty("state").GetString());
        var detail = await ProblemAssert.Detail(refused, HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", detail);
        Assert.Contains(id, detail);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/keys")).EnumerateArray().Single(key => key.GetProperty("id").GetString() == id);
        Assert.Equal(revokedKey.GetProperty("revokedAt").GetDateTimeOffset(), listed.GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task RevokeKey_and_GetKey_answer_404_for_an_unknown_key()
    {
        using var admin = factory.CreateAdminClient();

        Assert.Contains("no-such-key", await ProblemAssert.Detail(await admin.DeleteAsync("/api/v1/keys/no-such-key"), HttpStatusCode.NotFound));
        await ProblemAssert.IsProblem(await admin.GetAsync("/api/v1/keys/no-such-key"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Grants_let_a_key_see_a_restricted_dataset_and_others_do_not()
    {
        var (department, publisherKey) = await _seed.DepartmentAsync();
        var (otherDepartment, _) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(publisherKey, new { department, slug = "granted", title = "Granted", access = "restricted" });
        await _seed.DatasetAsync(publisherKey, new { department, slug = "other", title = "Other", access = "restricted" });
        var grant = new[] { $"{department}/granted" };
        var granted = await KeyWithGrantsAsync(new { name = "granted analyst", role = "analyst", grants = grant });
        var grantedPublisher = await KeyWithGrantsAsync(new { name = "granted publisher", role = "publisher", department = otherDepartment, grants = grant });
        var plain = await _seed.KeyAsync("analyst");

        Assert.Equal(["granted"], await VisibleAsync(granted, department));
        Assert.Equal(["granted"], await VisibleAsync(grantedPublisher, department));
        Assert.Empty(await VisibleAsync(plain, department));
        Assert.Empty(await VisibleAsync(null, department));
    }

    [Fact]
    public async Task Expired_key_is_refused_saying_so()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var host = new OpenDataApiFactory();
        using var clocked = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var admin = Client(clocked, OpenDataApiFactory.TestAdminKey);
        var created = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "for an hour", role = "analyst", expiresAt = clock.GetUtcNow().AddHours(1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var analyst = Client(clocked, created.GetProperty("secret").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/datasets")).StatusCode);

        clock.Advance(TimeSpan.FromHours(1));
        var refused = await analyst.GetAsync("/api/v1/datasets");

        Assert.Contains("expired", await ProblemAssert.Detail(refused, HttpStatusCode.Unauthorized));
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/keys")).EnumerateArray()
            .Single(key => key.GetProperty("id").GetString() == created.GetProperty("key").GetProperty("id").GetString());
        Assert.Equal("expired", listed.GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_last_active_admin_key_cannot_be_revoked()
    {
        using var host = new OpenDataApiFactory();
        using var firstAdmin = host.CreateAdminClient();

        var alone = await firstAdmin.DeleteAsync($"/api/v1/keys/{AdminKeyBootstrap.ConfiguredKeyId}");
        var second = await (await firstAdmin.PostAsJsonAsync("/api/v1/keys", new { name = "second admin", role = "admin" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var handedOver = await firstAdmin.DeleteAsync($"/api/v1/keys/{AdminKeyBootstrap.ConfiguredKeyId}");
        using var secondAdmin = host.CreateClient(second.GetProperty("secret").GetString());
        var selfRevoke = await secondAdmin.DeleteAsync($"/api/v1/keys/{second.GetProperty("key").GetProperty("id").GetString()}");

        Assert.Contains("last active admin", await ProblemAssert.Detail(alone, HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.OK, handedOver.StatusCode);
        await ProblemAssert.IsProblem(await firstAdmin.GetAsync("/api/v1/keys"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(selfRevoke, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_keys_db_of_the_first_schema_is_migrated_and_its_keys_keep_working()
    {
        var folder = Path.Combine(Path.GetTempPath(), "opendata-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        const string secret = "od_an-old-analyst-key-from-the-first-release";
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "keys.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The table exactly as the first release of ApiKeyStore created it, with one key it stored.
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS api_keys (
                    id         TEXT PRIMARY KEY,
                    name       TEXT NOT NULL,
                    role       TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'analyst')),
                    department TEXT,
                    hash       TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL
                );
                INSERT INTO api_keys VALUES ('old-analyst', 'old analyst', 'analyst', NULL, $hash, '2024-05-01T08:00:00.0000000+00:00');
                """;
            command.Parameters.AddWithValue("$hash", ApiKeySecret.Hash(secret));
            await command.ExecuteNonQueryAsync();
        }
        using var host = new OpenDataApiFactory { DataDirectory = folder };
        using var analyst = host.CreateClient(secret);
        using var admin = host.CreateAdminClient();

        var read = await analyst.GetAsync("/api/v1/datasets");
        var key = await admin.GetFromJsonAsync<JsonElement>("/api/v1/keys/old-analyst");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("active", key.GetProperty("state").GetString());
        Assert.Empty(key.GetProperty("grants").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, key.GetProperty("expiresAt").ValueKind);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero), key.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/api/v1/keys/old-analyst")).StatusCode);
        await ProblemAssert.IsProblem(await analyst.GetAsync("/api/v1/datasets"), HttpStatusCode.Unauthorized);
        await using var check = new SqliteConnection($"Data Source={Path.Combine(folder, "keys.db")};Pooling=False");
        await check.OpenAsync();
        await using var version = check.CreateCommand();
        version.CommandText = "SELECT MAX(version) FROM schema_version;";
        Assert.Equal((long)KeysSchema.Steps.Count, await version.ExecuteScalarAsync());
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static HttpClient Client(WebApplicationFactory<Program> host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<string> KeyWithGrantsAsync(object body)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/keys", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    // What the search lists, checked against GET of each dataset: both must agree.
    private async Task<string[]> VisibleAsync(string? key, string department)
    {
        using var client = factory.CreateClient(key);
        var listed = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets?department={department}"))
            .GetProperty("items").EnumerateArray().Select(item => item.GetProperty("slug").GetString()!).Order().ToArray();
        foreach (var slug in new[] { "granted", "other" })
        {
            var response = await client.GetAsync($"/api/v1/datasets/{department}/{slug}");
            Assert.Equal(listed.Contains(slug) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        }
        return listed;
    }
}
