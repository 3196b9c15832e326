using System.CommandLine;

namespace OpenData.Cli;

/// <summary><c>pipelines …</c>: the department's scheduled SQL; for now, running one by hand.</summary>
public sealed class PipelinesCommand : Command
{
    public PipelinesCommand(CommandRunner runner)
        : base("pipelines", "Work with pipelines (see docs/pipelines.md)")
    {
        Subcommands.Add(new PipelinesRunCommand(runner));
    }
}
