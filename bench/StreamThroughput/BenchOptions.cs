namespace OpenData.Bench.StreamThroughput;

/// <summary>
/// Command-line options: <c>--records N</c> (default 2,000,000), <c>--max-lag N</c> (records the producer may run
/// ahead of the consumer, default 200,000: the mock cluster keeps only about 5 MiB a partition),
/// <c>--steady-seconds N</c> (how long the freshness is measured at a steady rate, default 20) and <c>--keep</c>
/// (leave the host's data folder and log in place).
/// </summary>
internal sealed record BenchOptions(int Records, int MaxLag, int SteadySeconds, bool Keep)
{
    public const int Partitions = 16;

    public const string Usage =
        "usage: StreamThroughput [--records N] [--max-lag N] [--steady-seconds N] [--keep]   (default --records 2000000 --max-lag 200000 --steady-seconds 20; build the host first: dotnet build -c Release api)";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(2_000_000, 200_000, 20, Keep: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--records" => options with { Records = (int)CommandLine.Number(args, ++i, "--records", max: int.MaxValue) },
                "--max-lag" => options with { MaxLag = (int)CommandLine.Number(args, ++i, "--max-lag", max: int.MaxValue) },
                "--steady-seconds" => options with { SteadySeconds = (int)CommandLine.Number(args, ++i, "--steady-seconds", max: int.MaxValue) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }
        return options;
    }
}
