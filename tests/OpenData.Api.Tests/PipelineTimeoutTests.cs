using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>Pipelines:RunTimeout: a run that takes too long is interrupted, recorded failed, not retried, and commits nothing.</summary>
public class PipelineTimeoutTests
{
    [Fact]
    public async Task A_run_longer_than_the_time_limit_is_stopped_and_recorded_failed_without_a_retry()
    {
        using var factory = new OpenDataApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Pipelines:RunTimeout"] = "00:00:02",
                // A retry would show within a second: the test checks that none comes.
                ["Pipelines:MaxRetries"] = "1",
                ["Pipelines:RetryDelay"] = "00:00:00.1",
            },
        };
        var seed = new ApiSeed(factory);
        var (department, key) = await seed.DepartmentAsync("timeout");
        await seed.DatasetAsync(key, new { department, slug = "tickets", title = "Tickets" });
        await new UploadClient(factory, key, department, "tickets").PutTextAsync("district,fine\nnorth,10\nsouth,20\n");
        var pipelines = new PipelineClient(factory, key);
        var name = (await pipelines.CreatedAsync(new
        {
            name = ApiSeed.Unique("slow"),
            department,
            sql = $"SELECT district, sum(fine) AS fines FROM \"{department}\".tickets GROUP BY ALL",
            target = new { dataset = "fines" },
        })).GetProperty("name").GetString()!;
        Assert.Equal("succeeded", (await pipelines.RunAsync(name)).GetProperty("status").GetString());

        // Minutes of work per row: only the time limit ends it.
        using var owner = factory.CreateClient(key);
        var patched = await owner.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new
        {
            sql = $"SELECT district, (SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range + b.range = fine) AS fines FROM \"{department}\".tickets",
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var clock = Stopwatch.StartNew();
        var run = await pipelines.RunAsync(name);
        clock.Stop();

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("ran longer than Pipelines:RunTimeout (00:00:02)", run.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("outputVersion").ValueKind);
        var took = run.GetProperty("endedAt").GetDateTimeOffset() - run.GetProperty("startedAt").GetDateTimeOffset();
        Assert.InRange(took, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"The run was seen failed only after {clock.Elapsed}.");

        await Task.Delay(1000);
        var runs = (await pipelines.GetAsync($"/api/v1/pipelines/{name}/runs")).EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(1, r.GetProperty("attempt").GetInt32()));
        var fines = await pipelines.GetAsync($"/api/v1/datasets/{department}/fines");
        Assert.Equal(1, fines.GetProperty("currentVersion").GetProperty("number").GetInt32());
        Assert.Equal(30m, Convert.ToDecimal(await new UploadClient(factory, key, department, "fines").QueryAsync(1, "SELECT sum(fines) FROM v")));
    }
}
