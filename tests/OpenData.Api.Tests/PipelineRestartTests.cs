using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>A run stopped mid-way by the platform stopping commits nothing; the next start goes on from the previous version.</summary>
public class PipelineRestartTests
{
    [Fact]
    public async Task A_run_stopped_with_the_platform_leaves_the_previous_version_and_the_next_run_succeeds()
    {
        var folder = Path.Combine(Path.GetTempPath(), "opendata-api-" + Guid.NewGuid().ToString("N"));
        string department, key, name;
        using (var first = new OpenDataApiFactory { DataDirectory = folder, OwnsDataDirectory = false })
        {
            // The platform stops while the slow run computes its result.
            (department, key, name) = await SlowPipeline.CreateAsync(first, "restart");
            using var owner = first.CreateClient(key);
            Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsync($"/api/v1/pipelines/{name}/runs", null)).StatusCode);
            await Task.Delay(500);
        }

        using var second = new OpenDataApiFactory { DataDirectory = folder };
        var again = new PipelineClient(second, key);
        var stopped = (await again.GetAsync($"/api/v1/pipelines/{name}/runs"))[0];
        Assert.Equal("failed", stopped.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("outputVersion").ValueKind);
        Assert.Equal(1, (await again.GetAsync($"/api/v1/datasets/{department}/fines")).GetProperty("currentVersion").GetProperty("number").GetInt32());

        using var client = second.CreateClient(key);
        await client.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new { sql = $"SELECT district, sum(fine) * 2 AS fines FROM \"{department}\".tickets GROUP BY ALL" });
        var next = await again.RunAsync(name);
        Assert.Equal("succeeded", next.GetProperty("status").GetString());
        Assert.Equal(2, next.GetProperty("outputVersion").GetInt32());
    }
}
