using System.Text.Json;

namespace OpenData.Cli.Tests;

[Collection(PlatformCollection.Name)]
public sealed class UploadCommandTests(PlatformFixture platform)
{
    [Fact]
    public async Task Upload_prints_the_new_version_and_its_rows()
    {
        var slug = await platform.DatasetAsync("upload");
        var file = platform.File("tickets.csv", Tickets.Csv);

        var first = (await platform.RunAsync("upload", $"{platform.Department}/{slug}", file)).Exits(0);
        Assert.Contains($"{platform.Department}/{slug}: version 1 (replace), 3 rows imported, 0 rejected, 3 rows in the version", first.Stdout);

        var more = platform.File("more.csv", Tickets.Header + "\n4,minhang,60.00\n");
        var appended = (await platform.RunAsync("upload", $"{platform.Department}/{slug}", more, "--mode", "append")).Exits(0);
        Assert.Contains("version 2 (append), 1 rows imported, 0 rejected, 4 rows in the version", appended.Stdout);
    }

    [Fact]
    public async Task Upload_of_the_current_file_again_says_unchanged()
    {
        var slug = await platform.DatasetAsync("unchanged");
        var file = platform.File("tickets.csv", Tickets.Csv);
        (await platform.RunAsync("upload", $"{platform.Department}/{slug}", file)).Exits(0);

        var again = (await platform.RunAsync("upload", $"{platform.Department}/{slug}", file)).Exits(0);

        Assert.Contains("unchanged, version 1 already holds this file (3 rows)", again.Stdout);
    }

    [Fact]
    public async Task Upload_with_json_prints_the_servers_answer()
    {
        var slug = await platform.DatasetAsync("json");
        var file = platform.File("tickets.tsv", Tickets.Csv.Replace(',', '\t'));

        var run = (await platform.RunAsync("upload", $"{platform.Department}/{slug}", file, "--json")).Exits(0);

        var answer = JsonSerializer.Deserialize<JsonElement>(run.Stdout);
        Assert.Equal(1, answer.GetProperty("version").GetInt32());
        Assert.Equal(3, answer.GetProperty("rows").GetInt64());
        Assert.Equal("tsv", answer.GetProperty("source").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Upload_refused_for_rejected_rows_prints_them_as_a_table_and_exits_3()
    {
        var slug = await platform.DatasetAsync("refused");
        var file = platform.File("bad.csv", Tickets.WithBadFine);

        var run = (await platform.RunAsync("upload", $"{platform.Department}/{slug}", file)).Exits(3);

        Assert.Equal("", run.Stdout);
        Assert.Contains("(422)", run.Stderr);
        Assert.Contains("1 row rejected. Nothing was committed.", run.Stderr);
        AssertRejectRow(run.Stderr, "12", "fine", "eighty");
        var dataset = (await platform.RunAsync("datasets", "show", $"{platform.Department}/{slug}")).Exits(0);
        Assert.Contains("none yet", dataset.Stdout);
    }

    [Fact]
    public async Task Upload_committed_with_allowed_rejects_prints_them_and_exits_7()
    {
        var slug = await platform.DatasetAsync("allowed");
        var file = platform.File("bad.csv", Tickets.WithBadFine);

        var run = (await platform.RunAsync("upload", $"{platform.Department}/{slug}", file, "--max-rejected-rows", "5")).Exits(7);

        Assert.Contains("version 1 (replace), 10 rows imported, 1 rejected, 10 rows in the version", run.Stdout);
        Assert.Contains("1 row rejected. Version 1 was committed without them.", run.Stderr);
        AssertRejectRow(run.Stderr, "12", "fine", "eighty");
    }

    [Fact]
    public async Task Upload_to_another_departments_dataset_exits_4()
    {
        var file = platform.File("tickets.csv", Tickets.Csv);

        var run = (await platform.RunAsync("upload", "someone-else/tickets", file)).Exits(4);

        Assert.Contains("(403)", run.Stderr);
    }

    /// <summary>A row of the rejects table: its cells in order, between the table's borders.</summary>
    private static void AssertRejectRow(string stderr, params string[] cells)
    {
        var rows = stderr.Split('\n')
            .Select(line => line.Split(['│', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(row => row.Length >= cells.Length);
        Assert.Contains(rows, row => row.Take(cells.Length).SequenceEqual(cells));
    }
}
