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
            var seed = new ApiSeed(first);
            (department, key) = await seed.DepartmentAsync("restart");
            await seed.DatasetAsync(key, new { department, slug = "tickets", title = "Tickets" });
            await new UploadClient(first, key, department, "tickets").PutTextAsync("district,fine\nnorth,10\nsouth,20\n");
            var pipelines = new PipelineClient(first, key);
            name = (await pipelines.CreatedAsync(new
            {
                name = ApiSeed.Unique("slow"),
                department,
                sql = $"SELECT district, sum(fine) AS fines FROM \"{department}\".tickets GROUP BY ALL",
                target = new { dataset = "fines" },
            })).GetProperty("name").GetString()!;
            Assert.Equal("succeeded", (await pipelines.RunAsync(name)).GetProperty("status").GetString());

            // A result that takes minutes to compute: the platform stops while it runs.
            using var owner = first.CreateClient(key);
            var patched = await owner.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new
            {
                sql = $"SELECT district, (SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range + b.range = fine) AS fines FROM \"{department}\".tickets",
            });
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
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
