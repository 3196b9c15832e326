using System.CommandLine;
using System.CommandLine.Invocation;
using Spectre.Console;

namespace OpenData.Cli;

/// <summary>The <c>opendata</c> command line: global options, the commands, and usage errors as exit code 2.</summary>
public static class OpenDataCommand
{
    public static RootCommand Create()
    {
        var serverOptions = new ServerOptions();
        var runner = new CommandRunner(serverOptions);
        var root = new RootCommand("Command-line client of the open-data platform: publish files, find datasets, query with SQL, download, run pipelines. Exit codes: docs/cli.md.")
        {
            new UploadCommand(runner),
            new DatasetsCommand(runner),
            new SqlCommand(runner),
            new DownloadCommand(runner),
            new PipelinesCommand(runner),
        };
        root.Options.Add(serverOptions.Server);
        root.Options.Add(serverOptions.Key);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parseResult = Create().Parse(args);
        if (parseResult.Action is not ParseErrorAction)
        {
            return await parseResult.InvokeAsync();
        }
        // System.CommandLine answers 1 for these, which scripts could not tell from a failure.
        var terminal = Terminal.Create();
        foreach (var error in parseResult.Errors)
        {
            terminal.Fail(error.Message);
        }
        terminal.Error.WriteLine("Run the command with --help for its arguments and options.");
        return (int)ExitCode.Usage;
    }
}
