using System.Diagnostics;

namespace OpenData.Bench;

/// <summary>
/// Takes a sample every <c>interval</c> on a background task until disposed: whatever the given function reads
/// (a process's /proc figures, folder sizes, …) at the elapsed time of a shared clock. A sample that fails because
/// a process or file went away meanwhile is skipped.
/// </summary>
public sealed class PeriodicSampler<TPoint> : IAsyncDisposable
{
    private readonly Func<TimeSpan, TPoint> take;
    private readonly Stopwatch clock;
    private readonly TimeSpan interval;
    private readonly CancellationTokenSource stop = new();
    private readonly List<TPoint> points = [];
    private readonly Task loop;
    private bool disposed;

    public PeriodicSampler(Func<TimeSpan, TPoint> take, Stopwatch clock, TimeSpan interval)
    {
        this.take = take;
        this.clock = clock;
        this.interval = interval;
        loop = Task.Run(RunAsync);
    }

    /// <summary>The samples so far, oldest first (a copy).</summary>
    public IReadOnlyList<TPoint> Points
    {
        get
        {
            lock (points)
            {
                return [.. points];
            }
        }
    }

    /// <summary>Takes one sample now, besides the periodic ones (e.g. right at the end of what is measured).</summary>
    public void Take()
    {
        try
        {
            var point = take(clock.Elapsed);
            lock (points)
            {
                points.Add(point);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process or a file went away between listing and reading: skip this sample.
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            Take();
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
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

/// <summary>A process's resident memory and CPU time at a moment of a run.</summary>
public readonly record struct ProcessPoint(TimeSpan At, long Rss, TimeSpan Cpu);

/// <summary>Samples a process's VmRSS and CPU time from /proc.</summary>
public static class ProcessSampler
{
    public static PeriodicSampler<ProcessPoint> Start(int pid, Stopwatch clock, TimeSpan interval) =>
        new(at =>
        {
            var sample = ProcStatus.Read(pid);
            return new ProcessPoint(at, sample.Rss, sample.Cpu);
        }, clock, interval);
}
