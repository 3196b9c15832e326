using System.CommandLine;

namespace OpenData.Cli.Tests;

/// <summary>Fails when a command, an option or an exit code of the CLI is missing from docs/cli.md.</summary>
public sealed class CliDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));

    [Fact]
    public void Docs_name_every_command_and_option()
    {
        var named = Symbols(OpenDataCommand.Create(), path: "").ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains($"`{name}", Docs));
    }

    [Fact]
    public void Docs_list_every_exit_code()
    {
        Assert.All(Enum.GetValues<ExitCode>(), code => Assert.Contains($"\n| {(int)code} |", Docs));
    }

    /// <summary>Each command as typed ("datasets show") and each of its options ("--mode").</summary>
    private static IEnumerable<string> Symbols(Command command, string path)
    {
        foreach (var option in command.Options)
        {
            yield return option.Name;
        }
        foreach (var subcommand in command.Subcommands)
        {
            var typed = (path + " " + subcommand.Name).Trim();
            yield return typed;
            foreach (var name in Symbols(subcommand, typed))
            {
                yield return name;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Data.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException($"No Data.sln above {AppContext.BaseDirectory}.");
    }
}
