using System.Diagnostics;

namespace OpenData.Bench.ReaderThroughput;

/// <summary>
/// The process's working set, its peak and its CPU time. On Linux the peak (VmHWM) can be reset by writing 5 to
/// /proc/self/clear_refs, so each side's peak is its own and not the largest seen since the process started.
/// </summary>
internal static class ProcessProbe
{
    public static bool CanResetPeak { get; } = ProcStatus.ResetPeak();

    /// <summary>Collects garbage and resets the peak working set to the current one, where the OS allows it.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (CanResetPeak)
        {
            ProcStatus.ResetPeak();
        }
    }

    public static (long Current, long Peak) WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, process.PeakWorkingSet64);
    }

    /// <summary>CPU time of all the process's threads (DuckDB's workers included), user and system.</summary>
    public static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
