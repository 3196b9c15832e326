namespace OpenData.Bench.UploadThroughput;

/// <summary>
/// Command-line options: <c>--rows N</c> (default 10,000,000), <c>--clean</c> (remove the cached CSV at the end),
/// <c>--timeline</c> (print the server's memory, CPU and files second by second) and <c>--keep</c> (leave the
/// server's data folder and log in place for a look afterwards).
/// </summary>
internal sealed record BenchOptions(long Rows, bool Clean, bool Timeline, bool Keep)
{
    public const string Usage =
        "usage: UploadThroughput [--rows N] [--clean] [--timeline] [--keep]   (default --rows 10000000; build the host first: dotnet build -c Release api)";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(10_000_000, Clean: false, Timeline: false, Keep: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = CommandLine.Number(args, ++i, "--rows") },
                "--clean" => options with { Clean = true },
                "--timeline" => options with { Timeline = true },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options;
    }
}
