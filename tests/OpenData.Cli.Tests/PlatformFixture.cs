using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenData.Api.Tests;

namespace OpenData.Cli.Tests;

/// <summary>
/// One running platform (the built host as a process) for every CLI test, with one department whose publisher key
/// the tests use, and a folder for the files they upload and download.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private const string AdminKey = "cli-tests-admin-key-0123456789";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "opendata-cli-tests-" + Guid.NewGuid().ToString("N"));
    private ExternalHost? _host;

    public Uri Server => _host!.Address;

    public string Department { get; private set; } = "";

    public string PublisherKey { get; private set; } = "";

    public string Files => Path.Combine(_root, "files");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Files);
        _host = await ExternalHost.StartAsync(Path.Combine(_root, "data"), AdminKey);
        Department = Unique("transport");
        using var admin = _host.CreateClient(AdminKey);
        var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug = Department, name = "Transport", contact = "data@example.gov" });
        PublisherKey = (await CreatedAsync(response)).GetProperty("publisherKey").GetString()!;
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Slugs differ per test, so tests sharing this platform never see each other's datasets.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>The CLI with this platform's address and the publisher's key in its environment.</summary>
    public Task<CliRun> RunAsync(params string[] arguments) => CliRun.StartAsync(Server, PublisherKey, arguments);

    /// <summary>A public dataset of the department, without data; returns its slug.</summary>
    public async Task<string> DatasetAsync(string prefix, string title = "Traffic tickets")
    {
        var slug = Unique(prefix);
        using var client = _host!.CreateClient(PublisherKey);
        var response = await client.PostAsJsonAsync("/api/v1/datasets", new { department = Department, slug, title, access = "public" });
        await CreatedAsync(response);
        return slug;
    }

    /// <summary>A public dataset holding <paramref name="csv"/> as version 1; returns its slug.</summary>
    public async Task<string> DatasetWithRowsAsync(string prefix, string csv)
    {
        var slug = await DatasetAsync(prefix);
        using var client = _host!.CreateClient(PublisherKey);
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        await CreatedAsync(await client.PutAsync($"/api/v1/datasets/{Department}/{slug}/data", content));
        return slug;
    }

    public async Task PipelineAsync(object definition)
    {
        using var client = _host!.CreateClient(PublisherKey);
        await CreatedAsync(await client.PostAsJsonAsync("/api/v1/pipelines", definition));
    }

    /// <summary>A file in the tests' folder with this content; returns its path.</summary>
    public string File(string name, string content)
    {
        var path = Path.Combine(Files, Unique("f") + "-" + name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A path in the tests' folder where nothing is yet.</summary>
    public string NewPath(string name) => Path.Combine(Files, Unique("f") + "-" + name);

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
