using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace OpenData.Api.Tests;

public partial class AdminKeyBootstrapTests
{
    [GeneratedRegex("od_[A-Za-z0-9_-]{43}")]
    private static partial Regex GeneratedKey();

    [Fact]
    public async Task Host_generates_an_admin_key_once_when_none_is_configured()
    {
        var folder = Path.Combine(Path.GetTempPath(), "opendata-api-" + Guid.NewGuid().ToString("N"));
        string key;
        using (var first = new OpenDataApiFactory { DataDirectory = folder, AdminKey = null, OwnsDataDirectory = false })
        {
            using var anonymous = first.CreateClient();
            var logged = first.Logs.Where(message => message.Contains("OpenData:AdminKey")).ToList();
            key = GeneratedKey().Match(Assert.Single(logged)).Value;
            Assert.NotEmpty(key);

            using var admin = first.CreateClient(key);
            var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug = "first", name = "First" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Restarted on the same folder: the key still works and is not shown again.
        using var second = new OpenDataApiFactory { DataDirectory = folder, AdminKey = null };
        using (var admin = second.CreateClient(key))
        {
            var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug = "second", name = "Second" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        Assert.DoesNotContain(second.Logs, message => message.Contains(key) || GeneratedKey().IsMatch(message));
    }

    [Fact]
    public async Task Configured_admin_key_is_active_and_no_key_is_generated()
    {
        using var factory = new OpenDataApiFactory();
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug = "configured", name = "Configured" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(factory.Logs, message => GeneratedKey().IsMatch(message));
    }
}
