using System.Diagnostics;

namespace OpenData.Bench.ReaderThroughput;

/// <summary>One timed run of one side: wall-clock time, CPU time of all the process's threads, and the memory it used.</summary>
internal sealed record Measurement(
    TimeSpan Elapsed,
    TimeSpan ProcessorTime,
    long Rows,
    long WorkingSetBefore,
    long PeakWorkingSet,
    long ManagedHeapAfter,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen2Collections)
{
    /// <summary>Runs <paramref name="work"/> after settling memory, timing it and recording memory right after it.</summary>
    public static Measurement Take(Func<long> work)
    {
        ProcessProbe.Settle();
        var before = ProcessProbe.WorkingSet().Current;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
        var processor = ProcessProbe.ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        var rows = work();
        stopwatch.Stop();
        processor = ProcessProbe.ProcessorTime() - processor;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var peak = ProcessProbe.WorkingSet().Peak;
        return new Measurement(
            stopwatch.Elapsed,
            processor,
            rows,
            before,
            peak,
            heap,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(2) - gen2);
    }
}
