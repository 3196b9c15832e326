using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>Creates departments, datasets and keys through the HTTP API, with unique slugs so tests sharing a host do not collide.</summary>
public sealed class ApiSeed(OpenDataApiFactory factory)
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>Creates a department and returns its slug and publisher key.</summary>
    public async Task<(string Slug, string PublisherKey)> DepartmentAsync(string prefix = "dep")
    {
        using var admin = factory.CreateAdminClient();
        var slug = Unique(prefix);
        var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug, name = "Department " + slug, contact = "data@example.gov" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (slug, body.GetProperty("publisherKey").GetString()!);
    }

    public async Task<JsonElement> DatasetAsync(string key, object dataset)
    {
        using var client = factory.CreateClient(key);
        var response = await client.PostAsJsonAsync("/api/v1/datasets", dataset);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<string> KeyAsync(string role, string? department = null)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = role + " for tests", role, department });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }
}
