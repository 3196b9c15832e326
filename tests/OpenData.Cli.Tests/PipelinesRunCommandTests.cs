using System.Text.Json;

namespace OpenData.Cli.Tests;

[Collection(PlatformCollection.Name)]
public sealed class PipelinesRunCommandTests(PlatformFixture platform)
{
    [Fact]
    public async Task Pipelines_run_waits_for_success_and_prints_rows_and_version()
    {
        var name = await PipelineAsync(checks: []);

        var run = (await platform.RunAsync("pipelines", "run", name)).Exits(0);

        Assert.Contains($"{name}: run ", run.Stdout);
        Assert.Contains("succeeded", run.Stdout);
        Assert.Contains("3 rows, version 1", run.Stdout);
    }

    [Fact]
    public async Task Pipelines_run_that_fails_prints_why_and_exits_8()
    {
        var name = await PipelineAsync(checks: [new { kind = "rowCount", min = 1000 }]);

        var run = (await platform.RunAsync("pipelines", "run", name, "--json")).Exits(8);

        Assert.Equal("failed", JsonSerializer.Deserialize<JsonElement>(run.Stdout).GetProperty("status").GetString());
        Assert.Contains("check", run.Stderr);
    }

    [Fact]
    public async Task Pipelines_run_without_waiting_returns_once_started()
    {
        var name = await PipelineAsync(checks: []);

        var run = (await platform.RunAsync("pipelines", "run", name, "--no-wait")).Exits(0);

        Assert.Contains($"{name}: run ", run.Stdout);
    }

    [Fact]
    public async Task Pipelines_run_of_an_unknown_pipeline_exits_5()
    {
        var run = (await platform.RunAsync("pipelines", "run", "no-such-pipeline")).Exits(5);

        Assert.Contains("does not exist", run.Stderr);
    }

    /// <summary>A pipeline counting tickets per district (three districts) of a fresh dataset; returns its name.</summary>
    private async Task<string> PipelineAsync(object[] checks)
    {
        var input = await platform.DatasetWithRowsAsync("input", Tickets.Csv);
        var name = PlatformFixture.Unique("per-district");
        await platform.PipelineAsync(new
        {
            name,
            department = platform.Department,
            sql = $"SELECT district, count(*) AS tickets FROM \"{platform.Department}\".\"{input}\" GROUP BY district",
            target = new { dataset = name, title = "Tickets per district" },
            checks,
        });
        return name;
    }
}
