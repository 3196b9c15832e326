using System.Diagnostics;

namespace OpenData.Bench.UploadThroughput;

/// <summary>
/// Samples the server every 100 ms while the upload runs: resident memory (VmRSS), CPU time, and the bytes in its
/// data folder's staging/uploads (the streamed file), staging/duckdb (DuckDB's spill) and lake folders. From those
/// the phases of an upload can be told apart without reading the server's code.
/// </summary>
internal sealed class ServerSampler : IAsyncDisposable
{
    public sealed record Point(TimeSpan At, long Rss, TimeSpan Cpu, long Uploads, long Spill, long Lake, long OtherStaging);

    private readonly int pid;
    private readonly string dataDirectory;
    private readonly PeriodicSampler<Point> sampler;

    public ServerSampler(int pid, string dataDirectory, Stopwatch clock)
    {
        this.pid = pid;
        this.dataDirectory = dataDirectory;
        sampler = new PeriodicSampler<Point>(Read, clock, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The samples so far, oldest first (a copy).</summary>
    public IReadOnlyList<Point> Points => sampler.Points;

    public long PeakRss => Points is { Count: > 0 } points ? points.Max(point => point.Rss) : -1;

    public void Take() => sampler.Take();

    private Point Read(TimeSpan at)
    {
        var sample = ProcStatus.Read(pid);
        var staging = Path.Combine(dataDirectory, "staging");
        var uploads = Size(Path.Combine(staging, "uploads"));
        var spill = Size(Path.Combine(staging, "duckdb"));
        return new Point(at, sample.Rss, sample.Cpu, uploads, spill, Size(Path.Combine(dataDirectory, "lake")),
            Size(staging) - uploads - spill);
    }

    private static long Size(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        long total = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
            }
        }
        return total;
    }

    public ValueTask DisposeAsync() => sampler.DisposeAsync();
}
