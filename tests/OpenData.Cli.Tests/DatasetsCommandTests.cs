using System.Text.Json;

namespace OpenData.Cli.Tests;

[Collection(PlatformCollection.Name)]
public sealed class DatasetsCommandTests(PlatformFixture platform)
{
    [Fact]
    public async Task Datasets_lists_a_departments_datasets_as_a_table()
    {
        var withRows = await platform.DatasetWithRowsAsync("listed", Tickets.Csv);
        var empty = await platform.DatasetAsync("empty");

        var run = (await platform.RunAsync("datasets", "--department", platform.Department, "--limit", "500")).Exits(0);

        Assert.Contains($"{platform.Department}/{withRows}", run.Stdout);
        Assert.Contains($"{platform.Department}/{empty}", run.Stdout);
        Assert.Contains("v1", run.Stdout);
    }

    [Fact]
    public async Task Datasets_with_text_finds_only_the_matching_ones()
    {
        var zebra = await platform.DatasetAsync("zebra", title: "Zebra crossings");
        var other = await platform.DatasetAsync("other", title: "Parking meters");

        var run = (await platform.RunAsync("datasets", "zebra", "--department", platform.Department)).Exits(0);

        Assert.Contains(zebra, run.Stdout);
        Assert.DoesNotContain(other, run.Stdout);
    }

    [Fact]
    public async Task Datasets_with_json_prints_the_page()
    {
        var slug = await platform.DatasetAsync("paged", title: "Paged bicycles");

        var run = (await platform.RunAsync("datasets", "bicycles", "--department", platform.Department, "--json")).Exits(0);

        var items = JsonSerializer.Deserialize<JsonElement>(run.Stdout).GetProperty("items").EnumerateArray();
        Assert.Contains(items, item => item.GetProperty("slug").GetString() == slug);
    }

    [Fact]
    public async Task Datasets_that_find_nothing_say_so_on_stderr()
    {
        var run = (await platform.RunAsync("datasets", "nothing-is-called-this")).Exits(0);

        Assert.Equal("", run.Stdout);
        Assert.Contains("No datasets found.", run.Stderr);
    }

    [Fact]
    public async Task Datasets_show_prints_metadata_version_and_columns()
    {
        var slug = await platform.DatasetWithRowsAsync("shown", Tickets.Csv);

        var run = (await platform.RunAsync("datasets", "show", $"{platform.Department}/{slug}")).Exits(0);

        Assert.Contains("Traffic tickets", run.Stdout);
        Assert.Contains("public", run.Stdout);
        Assert.Contains("1 (replace,", run.Stdout);
        Assert.Contains("3 rows", run.Stdout);
        foreach (var column in new[] { "id", "district", "fine", "DECIMAL(18,2)", "huangpu", "xuhui" })
        {
            Assert.Contains(column, run.Stdout);
        }
    }

    [Fact]
    public async Task Datasets_show_of_an_unknown_dataset_exits_5()
    {
        var run = (await platform.RunAsync("datasets", "show", $"{platform.Department}/no-such-dataset")).Exits(5);

        Assert.Contains("(404)", run.Stderr);
        Assert.Contains("does not exist", run.Stderr);
    }
}
