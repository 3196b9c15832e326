using System.Diagnostics;
using System.Net;

namespace OpenData.Bench.PortalThroughput;

/// <summary>One kind of page or API answer, asked for with a rotating set of addresses, one request at a time.</summary>
internal sealed record Workload(string Name, IReadOnlyList<string> Paths, bool HasGoal)
{
    public sealed record Result(Workload Workload, Latencies Wall, long Bytes);

    /// <summary>Warm-up requests, then <paramref name="requests"/> timed ones: from sending to the last byte read.</summary>
    public async Task<Result> RunAsync(HttpClient client, int warmups, int requests)
    {
        for (var i = 0; i < warmups; i++)
        {
            await GetAsync(client, Paths[i % Paths.Count]);
        }
        var wall = new Latencies();
        long bytes = 0;
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes += await GetAsync(client, Paths[i % Paths.Count]);
            wall.Add(Stopwatch.GetElapsedTime(started));
        }
        return new Result(this, wall, bytes / requests);
    }

    private static async Task<long> GetAsync(HttpClient client, string path)
    {
        using var answer = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        var body = await answer.Content.ReadAsByteArrayAsync();
        return answer.StatusCode == HttpStatusCode.OK && body.Length > 0
            ? body.Length
            : throw new InvalidOperationException($"GET {path} answered {(int)answer.StatusCode}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)))}");
    }
}
