using System.Text;

namespace OpenData.Cli.Tests;

[Collection(PlatformCollection.Name)]
public sealed class DownloadCommandTests(PlatformFixture platform)
{
    [Fact]
    public async Task Download_streams_csv_to_stdout()
    {
        var slug = await platform.DatasetWithRowsAsync("dlstdout", Tickets.Csv);

        var run = (await platform.RunAsync("download", $"{platform.Department}/{slug}")).Exits(0);

        Assert.Equal(Tickets.Csv, run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Download_writes_the_file_and_names_the_version_it_holds()
    {
        var slug = await platform.DatasetWithRowsAsync("dlfile", Tickets.Csv);
        var output = platform.NewPath("tickets.csv");

        var run = (await platform.RunAsync("download", $"{platform.Department}/{slug}", "--output", output)).Exits(0);

        Assert.Equal("", run.Stdout);
        Assert.Equal(Tickets.Csv, (await File.ReadAllTextAsync(output)).ReplaceLineEndings("\n"));
        Assert.Contains($"Wrote {slug}-v1.csv", run.Stderr);
    }

    [Fact]
    public async Task Download_as_parquet_writes_a_parquet_file()
    {
        var slug = await platform.DatasetWithRowsAsync("dlparquet", Tickets.Csv);
        var output = platform.NewPath("tickets.parquet");

        (await platform.RunAsync("download", $"{platform.Department}/{slug}", "-o", output)).Exits(0);

        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes[..4]));
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes[^4..]));
    }

    [Fact]
    public async Task Download_of_an_earlier_version_gives_its_rows()
    {
        var slug = await platform.DatasetWithRowsAsync("dlversion", Tickets.Csv);
        var second = platform.File("second.csv", Tickets.Header + "\n9,minhang,10.00\n");
        (await platform.RunAsync("upload", $"{platform.Department}/{slug}", second)).Exits(0);

        var first = (await platform.RunAsync("download", $"{platform.Department}/{slug}", "--version", "1", "--format", "json")).Exits(0);
        var current = (await platform.RunAsync("download", $"{platform.Department}/{slug}", "--format", "json")).Exits(0);

        Assert.Contains("xuhui", first.Stdout);
        Assert.DoesNotContain("minhang", first.Stdout);
        Assert.Contains("minhang", current.Stdout);
    }

    [Fact]
    public async Task Download_of_an_unknown_dataset_exits_5_and_leaves_no_file()
    {
        var output = platform.NewPath("missing.csv");

        var run = (await platform.RunAsync("download", $"{platform.Department}/no-such-dataset", "--output", output)).Exits(5);

        Assert.Contains("(404)", run.Stderr);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }
}
