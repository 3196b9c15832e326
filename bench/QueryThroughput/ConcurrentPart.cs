using System.Diagnostics;
using System.Net;

namespace OpenData.Bench.QueryThroughput;

/// <summary>
/// (d) <c>clients</c> clients each sending small queries (the selective query, each client its own sequence of
/// districts and days) one after another for a while: completed queries per second and their latencies, through
/// HTTP and on bare DuckDB (one connection per client to one instance, as the platform's requests have).
/// </summary>
internal static class ConcurrentPart
{
    public sealed record Result(int Clients, TimeSpan Duration, TimeSpan Elapsed, long Queries, long Failures, Latencies Latency, TimeSpan ServerCpu, TimeSpan OwnCpu, string? FirstFailure)
    {
        public double PerSecond => Queries / Elapsed.TotalSeconds;
    }

    public static async Task<Result> HttpAsync(Platform platform, string key, int serverPid, int clients, TimeSpan duration)
    {
        var serverBefore = ProcStatus.Read(serverPid).Cpu;
        var ownBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        string? firstFailure = null;
        long failures = 0;
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var latencies = new Latencies();
            for (var i = client; clock.Elapsed < duration; i += clients)
            {
                var answer = await platform.QueryAsync(SelectivePart.Sql(i), key);
                if (answer.Status == HttpStatusCode.OK)
                {
                    latencies.Add(answer.Wall);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, $"{(int)answer.Status}: {System.Text.Encoding.UTF8.GetString(answer.Body)}", null);
                }
            }
            return latencies;
        })));
        var elapsed = clock.Elapsed;
        return Merge(clients, duration, elapsed, perClient, failures, ProcStatus.Read(serverPid).Cpu - serverBefore, Environment.CpuUsage.TotalTime - ownBefore, firstFailure);
    }

    public static Result Bare(TicketsView bare, int clients, TimeSpan duration)
    {
        var ownBefore = Environment.CpuUsage.TotalTime;
        var perClient = new Latencies[clients];
        var connections = Enumerable.Range(0, clients).Select(_ => bare.Connect()).ToArray();
        var clock = new Stopwatch();
        using var start = new Barrier(clients, _ => clock.Start());
        var threads = Enumerable.Range(0, clients).Select(client => new Thread(() =>
        {
            var latencies = perClient[client] = new Latencies();
            start.SignalAndWait();
            for (var i = client; clock.Elapsed < duration; i += clients)
            {
                var (wall, _) = Alternating.Time(() => BareDuckDB.Query(connections[client], SelectivePart.Sql(i)));
                latencies.Add(wall);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        var elapsed = clock.Elapsed;
        foreach (var connection in connections)
        {
            connection.Dispose();
        }
        return Merge(clients, duration, elapsed, perClient, 0, TimeSpan.Zero, Environment.CpuUsage.TotalTime - ownBefore, null);
    }

    private static Result Merge(int clients, TimeSpan duration, TimeSpan elapsed, IEnumerable<Latencies> perClient, long failures, TimeSpan serverCpu, TimeSpan ownCpu, string? firstFailure)
    {
        var all = new Latencies();
        foreach (var latencies in perClient)
        {
            all.AddRange(latencies);
        }
        return new Result(clients, duration, elapsed, all.Count, failures, all, serverCpu, ownCpu, firstFailure);
    }
}
