using System.Diagnostics;

namespace OpenData.Bench.QueryThroughput;

/// <summary>
/// One side's figures for repeated runs: wall times, and CPU time summed over the runs — the server's (its /proc,
/// 10 ms ticks, so meaningful summed rather than per run) and this process's (the HTTP client, or bare DuckDB).
/// <see cref="ServerMs"/> holds the server's own elapsed_ms of each JSON answer.
/// </summary>
internal sealed class Side(string name)
{
    public string Name { get; } = name;

    public Latencies Wall { get; } = new();

    public Latencies ServerMs { get; } = new();

    public TimeSpan ServerCpu { get; set; }

    public TimeSpan OwnCpu { get; set; }

    public int Runs => Wall.Count;
}

/// <summary>
/// Runs the platform and bare DuckDB in turns — HTTP, bare, HTTP, bare, … — so that whatever else the machine does
/// weighs on both sides alike; the first <c>warmups</c> turns of each are not counted.
/// </summary>
internal static class Alternating
{
    public static async Task<(Side Http, Side Bare)> RunAsync(
        int warmups, int runs, int serverPid,
        Func<int, Task<(TimeSpan Wall, long? ServerMs)>> http,
        Func<int, TimeSpan> bare)
    {
        var platform = new Side("HTTP");
        var reference = new Side("bare DuckDB");
        for (var i = 0; i < warmups + runs; i++)
        {
            var counted = i >= warmups;
            var serverBefore = ProcStatus.Read(serverPid).Cpu;
            var ownBefore = Environment.CpuUsage.TotalTime;
            var (wall, serverMs) = await http(i);
            if (counted)
            {
                platform.Wall.Add(wall);
                platform.ServerCpu += ProcStatus.Read(serverPid).Cpu - serverBefore;
                platform.OwnCpu += Environment.CpuUsage.TotalTime - ownBefore;
                if (serverMs is { } ms)
                {
                    platform.ServerMs.Add(TimeSpan.FromMilliseconds(ms));
                }
            }

            ownBefore = Environment.CpuUsage.TotalTime;
            var bareWall = bare(i);
            if (counted)
            {
                reference.Wall.Add(bareWall);
                reference.OwnCpu += Environment.CpuUsage.TotalTime - ownBefore;
            }
        }
        return (platform, reference);
    }

    /// <summary>Times <paramref name="run"/>; what it returns is checked by the caller outside the timed span.</summary>
    public static (TimeSpan Wall, T Result) Time<T>(Func<T> run)
    {
        var started = Stopwatch.GetTimestamp();
        var result = run();
        return (Stopwatch.GetElapsedTime(started), result);
    }
}
