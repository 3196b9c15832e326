using System.Diagnostics;
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
        // Minutes of work per row: only the time limit ends it.
        var (department, key, name) = await SlowPipeline.CreateAsync(factory, "timeout");
        var pipelines = new PipelineClient(factory, key);
        var clock = Stopwatch.StartNew();
        var run = await pipelines.RunAsync(name);
        clock.Stop();

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("ran longer than Pipelines:RunTimeout (00:00:02)", run.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("outputVersion").ValueKind);
        var took = run.GetProperty("endedAt").GetDateTimeOffset() - run.GetProperty("startedAt").GetDateTimeOffset();
        // Timers count whole milliseconds and the run's times come from the wall clock: a hair under 2 s is on time.
        Assert.InRange(took, TimeSpan.FromSeconds(1.99), TimeSpan.FromSeconds(10));
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
