using System.CommandLine;

namespace OpenData.Cli;

/// <summary><c>--json</c>: the server's answer as it came, on stdout, for scripts (jq) rather than people.</summary>
public static class JsonOption
{
    public static Option<bool> Create() => new("--json")
    {
        Description = "Print the server's JSON answer to stdout instead of text and tables",
    };
}
