namespace OpenData.Bench.PortalThroughput;

/// <summary>Command-line options; see <see cref="Usage"/> and README.md.</summary>
internal sealed record BenchOptions(int Datasets, int Requests, bool Keep)
{
    public const string Usage = """
        usage: PortalThroughput [--datasets N] [--requests N] [--keep]
          --datasets N   datasets in the catalog (default 10000); every 100th gets a small CSV version
          --requests N   timed requests of each kind, after 20 warm-up ones (default 300)
          --keep         keep the temp folder (server.log and the data folder)
        Build the host first: dotnet build -c Release api
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(10_000, 300, Keep: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--datasets" => options with { Datasets = (int)CommandLine.Number(args, ++i, "--datasets", CatalogSeed.WithDataEvery, int.MaxValue) },
                "--requests" => options with { Requests = (int)CommandLine.Number(args, ++i, "--requests", max: int.MaxValue) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }
        return options;
    }
}
