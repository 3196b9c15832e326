namespace OpenData.Bench.PipelineThroughput;

/// <summary>Command-line options; see <see cref="Usage"/> and README.md.</summary>
internal sealed record BenchOptions(long Rows, int Runs, bool Keep)
{
    public const string Usage =
        """
        usage: PipelineThroughput [--rows N] [--runs N] [--keep]
          --rows N   rows of tickets(N) published as the input dataset (default 10000000)
          --runs N   runs on each side, in turns; the first pipeline run creates the target (default 10)
          --keep     keep the temp folder (server.log, the data folder, bare DuckDB's file)
        Build the host first: dotnet build -c Release api
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(10_000_000, 10, Keep: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = CommandLine.Number(args, ++i, "--rows") },
                "--runs" => options with { Runs = (int)CommandLine.Number(args, ++i, "--runs", max: 1000) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }
        return options;
    }
}
