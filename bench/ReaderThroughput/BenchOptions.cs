namespace OpenData.Bench.ReaderThroughput;

/// <summary>
/// Command-line options: <c>--rows N</c> (default 10,000,000), <c>--runs K</c> (default 3), <c>--from-table</c>
/// (also compare the two sides over the same rows stored in a temp table, where generating them costs nothing)
/// and <c>--breakdown</c> (also time the reader calling fewer getters, to see what each one costs).
/// </summary>
internal sealed record BenchOptions(long Rows, int Runs, bool FromTable, bool Breakdown)
{
    public const string Usage = "usage: ReaderThroughput [--rows N] [--runs K] [--from-table] [--breakdown]   (defaults: --rows 10000000 --runs 3)";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(10_000_000, 3, FromTable: false, Breakdown: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = CommandLine.Number(args, ++i, "--rows") },
                "--runs" => options with { Runs = (int)Math.Min(int.MaxValue, CommandLine.Number(args, ++i, "--runs")) },
                "--from-table" => options with { FromTable = true },
                "--breakdown" => options with { Breakdown = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options;
    }
}
