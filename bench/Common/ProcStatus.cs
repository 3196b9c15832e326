namespace OpenData.Bench;

/// <summary>A process's resident memory (VmRSS), its peak (VmHWM) and CPU time, from /proc.</summary>
public static class ProcStatus
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public readonly record struct Sample(long Rss, long PeakRss, TimeSpan Cpu);

    public static Sample Read(int pid)
    {
        long rss = -1, peak = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }
        // /proc/<pid>/stat: fields after the command's closing parenthesis; utime and stime are fields 14 and 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return new Sample(rss, peak, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }

    /// <summary>Resets this process's VmHWM to its current RSS (writing 5 to clear_refs); false where not allowed.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
