namespace OpenData.Cli.Tests;

/// <summary>The exit codes scripts rely on for what is not one command's own outcome: usage, keys, connections.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ExitCodeTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("upload")]
    [InlineData("upload", "not-a-dataset-name", "file.csv")]
    [InlineData("upload", "transport/tickets", "/no/such/file.csv")]
    [InlineData("sql", "SELECT 1", "--format", "xml")]
    [InlineData("download", "transport/tickets", "--version", "latest")]
    [InlineData("pipelines")]
    public async Task A_wrong_command_line_exits_2_and_says_why(params string[] arguments)
    {
        var run = (await platform.RunAsync(arguments)).Exits(2);

        Assert.Equal("", run.Stdout);
        Assert.Contains("error:", run.Stderr);
        Assert.Contains("--help", run.Stderr);
    }

    [Fact]
    public async Task A_server_address_that_is_not_http_exits_2()
    {
        var run = (await CliRun.StartAsync(null, null, ["datasets", "--server", "ftp://example"])).Exits(2);

        Assert.Contains("not an http:// or https:// address", run.Stderr);
    }

    [Fact]
    public async Task Help_exits_0_and_goes_to_stdout()
    {
        var run = (await platform.RunAsync("--help")).Exits(0);

        foreach (var command in new[] { "upload", "datasets", "sql", "download", "pipelines", "--server", "--key" })
        {
            Assert.Contains(command, run.Stdout);
        }
    }

    [Fact]
    public async Task A_wrong_key_exits_4()
    {
        var run = (await CliRun.StartAsync(platform.Server, "not-a-key-of-this-platform", ["datasets"])).Exits(4);

        Assert.Contains("(401)", run.Stderr);
    }

    [Fact]
    public async Task A_key_option_overrides_the_environment()
    {
        var run = (await platform.RunAsync("datasets", "--key", "not-a-key-of-this-platform")).Exits(4);

        Assert.Contains("(401)", run.Stderr);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_exits_6()
    {
        // Port 1 (tcpmux) is a privileged port that nothing on a test machine listens on.
        var nowhere = new Uri("http://127.0.0.1:1");

        var run = (await CliRun.StartAsync(nowhere, null, ["datasets"])).Exits(6);

        Assert.Contains($"cannot reach {nowhere}", run.Stderr);
    }

    [Fact]
    public async Task Nothing_on_stderr_is_drawn_for_a_terminal_when_it_is_redirected()
    {
        var slug = await platform.DatasetAsync("plain");
        var run = (await platform.RunAsync("upload", $"{platform.Department}/{slug}", platform.File("bad.csv", Tickets.WithBadFine))).Exits(3);

        Assert.DoesNotContain("\u001b[", run.Stderr);
        Assert.DoesNotContain("uploading", run.Stderr);
    }
}
