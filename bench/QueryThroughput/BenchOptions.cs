namespace OpenData.Bench.QueryThroughput;

/// <summary>Command-line options; see <see cref="Usage"/> and README.md.</summary>
internal sealed record BenchOptions(
    long Rows,
    int Iterations,
    int GroupRuns,
    int Clients,
    TimeSpan Duration,
    string? DataFolder,
    bool SqlDownload,
    bool Keep,
    IReadOnlyDictionary<string, string> HostEnvironment,
    string Parts)
{
    public const string Usage =
        """
        usage: QueryThroughput [--rows N] [--iterations N] [--group-runs N] [--clients N] [--seconds N]
                               [--data-folder PATH] [--sql-download] [--keep] [--host-env NAME=VALUE]… [--parts abcd]
          --rows N          rows of tickets(N) published as the dataset (default 10000000)
          --iterations N    runs of the selective query on each side (default 200)
          --group-runs N    warm runs of the GROUP BY on each side (default 20)
          --clients N       concurrent clients of small queries (default 16)
          --seconds N       how long the concurrent clients run on each side (default 10)
          --data-folder P   the host's data folder: reused when it already holds the dataset with N rows (no upload),
                            else the dataset is published into it; it is kept either way
          --sql-download    download the CSV through GET /api/v1/sql?format=csv even when GET /data/… exists
          --keep            keep the temp folder (server.log, and the data folder unless --data-folder)
          --host-env N=V    an environment variable for the host, e.g. Sql__Threads=1 (repeatable)
          --parts LETTERS   which parts run: a GROUP BY, b selective query (and where its time goes),
                            c CSV download, d concurrent clients (default abcd)
        Build the host first: dotnet build -c Release api
        """;

    public static BenchOptions Parse(string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new BenchOptions(10_000_000, 200, 20, 16, TimeSpan.FromSeconds(10), null, SqlDownload: false, Keep: false, environment, "abcd");
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = CommandLine.Number(args, ++i, "--rows") },
                "--iterations" => options with { Iterations = (int)CommandLine.Number(args, ++i, "--iterations", max: int.MaxValue) },
                "--group-runs" => options with { GroupRuns = (int)CommandLine.Number(args, ++i, "--group-runs", max: int.MaxValue) },
                "--clients" => options with { Clients = (int)CommandLine.Number(args, ++i, "--clients", max: 1024) },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(CommandLine.Number(args, ++i, "--seconds", max: 3600)) },
                "--data-folder" => options with { DataFolder = Text(args, ++i, "--data-folder") },
                "--sql-download" => options with { SqlDownload = true },
                "--keep" => options with { Keep = true },
                "--host-env" => AddVariable(options, environment, args, ++i),
                "--parts" => options with { Parts = PartLetters(args, ++i) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options;
    }

    private static BenchOptions AddVariable(BenchOptions options, Dictionary<string, string> environment, string[] args, int index)
    {
        var (name, value) = index < args.Length && args[index].IndexOf('=') is > 0 and var at
            ? (args[index][..at], args[index][(at + 1)..])
            : throw new ArgumentException("--host-env needs NAME=VALUE.");
        environment[name] = value;
        return options;
    }

    /// <summary>True when part <paramref name="letter"/> (a, b, c or d) is to run.</summary>
    public bool Runs(char letter) => Parts.Contains(letter);

    private static string PartLetters(string[] args, int index) =>
        index < args.Length && args[index].Length > 0 && args[index].All(letter => letter is >= 'a' and <= 'd')
            ? new string([.. args[index].Distinct().Order()])
            : throw new ArgumentException("--parts needs letters among a, b, c and d, e.g. --parts ab.");

    private static string Text(string[] args, int index, string name) =>
        index < args.Length && !string.IsNullOrWhiteSpace(args[index])
            ? Path.GetFullPath(args[index])
            : throw new ArgumentException($"{name} needs a path.");
}
