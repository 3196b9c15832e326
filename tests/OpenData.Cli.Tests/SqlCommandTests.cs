using System.Text;
using System.Text.Json;

namespace OpenData.Cli.Tests;

[Collection(PlatformCollection.Name)]
public sealed class SqlCommandTests(PlatformFixture platform)
{
    private const string ExpectedCsv = "id,district,fine\r\n1,huangpu,80.00\r\n2,jingan,40.50\r\n3,xuhui,120.00\r\n";

    [Fact]
    public async Task Sql_writes_csv_to_stdout_by_default()
    {
        var slug = await platform.DatasetWithRowsAsync("sqlout", Tickets.Csv);

        var run = (await platform.RunAsync("sql", Select(slug))).Exits(0);

        Assert.Equal(ExpectedCsv, run.Stdout);
    }

    [Fact]
    public async Task Sql_writes_the_format_its_output_file_names()
    {
        var slug = await platform.DatasetWithRowsAsync("sqlcsv", Tickets.Csv);
        var output = platform.NewPath("answer.csv");

        var run = (await platform.RunAsync("sql", Select(slug), "--output", output)).Exits(0);

        Assert.Equal("", run.Stdout);
        Assert.Equal(ExpectedCsv, await File.ReadAllTextAsync(output));
        Assert.Contains($"to {output}", run.Stderr);
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public async Task Sql_to_parquet_writes_a_file_that_reads_back_with_the_same_rows()
    {
        var slug = await platform.DatasetWithRowsAsync("sqlparquet", Tickets.Csv);
        var output = platform.NewPath("answer.parquet");

        (await platform.RunAsync("sql", Select(slug), "--output", output)).Exits(0);

        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes[..4]));
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes[^4..]));
        // Read back by the platform itself: uploaded as a dataset of its own, then counted.
        var copy = await platform.DatasetAsync("copy");
        (await platform.RunAsync("upload", $"{platform.Department}/{copy}", output)).Exits(0);
        var counted = (await platform.RunAsync(
            "sql", $"SELECT count(*) AS n, sum(fine) AS fines FROM \"{platform.Department}\".\"{copy}\"", "--format", "json")).Exits(0);
        var row = JsonSerializer.Deserialize<JsonElement>(counted.Stdout).GetProperty("rows")[0];
        Assert.Equal(3, row[0].GetInt64());
        Assert.Equal(240.50m, row[1].GetDecimal());
    }

    [Fact]
    public async Task Sql_ndjson_gives_one_object_per_row()
    {
        var slug = await platform.DatasetWithRowsAsync("sqlndjson", Tickets.Csv);

        var run = (await platform.RunAsync("sql", Select(slug), "--format", "ndjson")).Exits(0);

        var districts = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<JsonElement>(line).GetProperty("district").GetString());
        Assert.Equal(["huangpu", "jingan", "xuhui"], districts);
    }

    [Fact]
    public async Task Sql_with_max_rows_warns_that_the_answer_was_cut()
    {
        var slug = await platform.DatasetWithRowsAsync("sqlcut", Tickets.Csv);

        var run = (await platform.RunAsync("sql", Select(slug), "--max-rows", "1")).Exits(0);

        Assert.Equal("id,district,fine\r\n1,huangpu,80.00\r\n", run.Stdout);
        Assert.Contains("X-Truncated", run.Stderr);
    }

    [Fact]
    public async Task Sql_the_server_refuses_prints_its_problem_and_exits_3()
    {
        var run = (await platform.RunAsync("sql", "SELECT * FROM nowhere.nothing")).Exits(3);

        Assert.Equal("", run.Stdout);
        Assert.Contains("(400)", run.Stderr);
        Assert.Contains("Catalog Error", run.Stderr);
    }

    private string Select(string slug) => $"SELECT * FROM \"{platform.Department}\".\"{slug}\" ORDER BY id";
}
