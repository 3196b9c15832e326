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
    private readonly Stopwatch clock;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public ServerSampler(int pid, string dataDirectory, Stopwatch clock)
    {
        this.pid = pid;
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        loop = Task.Run(RunAsync);
    }

    public List<Point> Points { get; } = [];

    public long PeakRss => Points.Count == 0 ? -1 : Points.Max(point => point.Rss);

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            try
            {
                Take();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process or a file went away between listing and reading: skip this sample.
            }
        }
        while (await Wait(timer));
    }

    private async Task<bool> Wait(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Take()
    {
        var at = clock.Elapsed;
        var sample = ProcStatus.Read(pid);
        var staging = Path.Combine(dataDirectory, "staging");
        var uploads = Size(Path.Combine(staging, "uploads"));
        var spill = Size(Path.Combine(staging, "duckdb"));
        var point = new Point(at, sample.Rss, sample.Cpu, uploads, spill, Size(Path.Combine(dataDirectory, "lake")),
            Size(staging) - uploads - spill);
        lock (Points)
        {
            Points.Add(point);
        }
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

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
