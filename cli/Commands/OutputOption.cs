using System.CommandLine;

namespace OpenData.Cli;

/// <summary><c>--output</c> and <c>--format</c> of the commands that fetch data (SQL answers and downloads).</summary>
public static class OutputOption
{
    public static Option<FileInfo> CreateOutput() => new("--output", "-o")
    {
        Description = "Write to this file (whole or not at all) instead of stdout; its extension picks the format when --format is absent",
    };

    public static Option<string> CreateFormat() => new Option<string>("--format", "-f")
    {
        Description = "csv (the default), json, ndjson or parquet",
    }.AcceptOnlyFromAmong(DataFormats.All);
}
