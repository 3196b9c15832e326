namespace OpenData.Cli;

/// <summary>The formats the SQL endpoint and downloads answer in, and which one a command line asks for.</summary>
public static class DataFormats
{
    public const string Csv = "csv";
    public const string Parquet = "parquet";

    public static readonly string[] All = [Csv, "json", "ndjson", Parquet];

    /// <summary>
    /// <c>--format</c>, else the output file's extension (<c>.jsonl</c> is NDJSON), else CSV. Parquet is refused for a
    /// terminal: binary bytes there help no one, so it needs <c>--output</c> or a redirect.
    /// </summary>
    public static string Resolve(string? format, FileInfo? output)
    {
        var extension = output?.Extension.TrimStart('.').ToLowerInvariant();
        var resolved = format
            ?? (extension == "jsonl" ? "ndjson" : All.FirstOrDefault(known => known == extension))
            ?? Csv;
        if (resolved == Parquet && output is null && Terminal.StdoutIsTerminal)
        {
            throw new CliException(ExitCode.Usage, "Parquet is binary: give --output FILE, or redirect stdout to a file.");
        }
        return resolved;
    }
}
