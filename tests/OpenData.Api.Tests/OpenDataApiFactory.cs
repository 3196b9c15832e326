using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenData.Api.Tests;

/// <summary>The real host, in process, on a temporary data folder that is removed afterwards.</summary>
public sealed class OpenDataApiFactory : WebApplicationFactory<Program>
{
    public const string TestAdminKey = "test-admin-key-0123456789";

    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "opendata-api-" + Guid.NewGuid().ToString("N"));

    /// <summary>OpenData:AdminKey; null leaves it unset, so the host generates one.</summary>
    public string? AdminKey { get; init; } = TestAdminKey;

    /// <summary>False when another factory goes on using the folder (a restart).</summary>
    public bool OwnsDataDirectory { get; init; } = true;

    /// <summary>Further settings for the host, e.g. a short Lake:MaintenanceInterval.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Every log message the host wrote.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public HttpClient CreateClient(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminKey ?? throw new InvalidOperationException("No admin key configured."));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OpenData:DataDirectory", DataDirectory);
        if (AdminKey is not null)
        {
            builder.UseSetting("OpenData:AdminKey", AdminKey);
        }
        // Test classes make many anonymous requests from one address; RateLimitTests sets its own limits in Settings.
        builder.UseSetting("RateLimits:AnonymousPermitLimit", "1000000");
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs))));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (OwnsDataDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            DeleteDataDirectory();
        }
    }

    // A background job that was finishing as the host stopped (compaction, the janitor) may still remove a folder
    // while the recursive delete walks it: try again rather than fail the class's cleanup.
    private void DeleteDataDirectory()
    {
        for (var attempt = 1; Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
            }
        }
    }
}
