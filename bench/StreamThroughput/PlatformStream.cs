using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpenData.Bench.StreamThroughput;

/// <summary>
/// The platform's side over HTTP: the tickets dataset bound to the topic with the default flush settings, how far the
/// catalog's offsets have come (<c>GET /api/v1/streams</c>), and when the probe tickets became visible in SQL.
/// </summary>
internal sealed class PlatformStream(HttpClient client, string adminKey)
{
    private long _committed;

    /// <summary>Records the lake holds, by the catalog's offsets: what the producer paces itself by.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>When each probe ticket first showed in a SQL answer: the start of the first query that returned it.</summary>
    public Dictionary<long, TimeSpan> ProbesVisible { get; } = [];

    /// <summary>Creates the department and the public tickets dataset (plate personal, sorted by issued_at), binds it to
    /// the topic and waits until the host has every partition.</summary>
    public async Task BindAsync(string topic, TimeSpan timeout)
    {
        await Upload.PrepareAsync(client, adminKey);
        using var bind = Request(HttpMethod.Put, $"/api/v1/datasets/{Upload.Department}/{Upload.Dataset}/stream");
        bind.Content = JsonContent.Create(new { topic });
        await Upload.Expect(await client.SendAsync(bind), HttpStatusCode.Created);

        var clock = Stopwatch.StartNew();
        while ((await StreamAsync())?["partitions"]?.AsArray().Count(p => p?["assignedHere"]?.GetValue<bool>() == true) != BenchOptions.Partitions)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The host did not take the {BenchOptions.Partitions} partitions of {topic} within {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Follows the catalog's offsets until they reach <paramref name="records"/>; returns when they did.</summary>
    public async Task<TimeSpan> FollowOffsetsAsync(long records, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var partitions = (await StreamAsync())?["partitions"]?.AsArray() ?? [];
            var committed = partitions.Sum(p => p?["committedOffset"]?.GetValue<long?>() ?? 0);
            Interlocked.Exchange(ref _committed, committed);
            if (committed >= records)
            {
                return clock.Elapsed;
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>
    /// Asks SQL every <paramref name="interval"/> for the probe tickets of <paramref name="first"/> to
    /// <paramref name="last"/> (ids divisible by <paramref name="every"/>) until all showed. Only ids from the lowest
    /// one not seen yet: the files of a batch hold a narrow range of ids, so the query skips most of the lake and costs
    /// the host little.
    /// </summary>
    public async Task WatchProbesAsync(long first, long last, int every, TimeSpan interval, Stopwatch clock, CancellationToken cancellationToken)
    {
        var lowest = first;
        while (lowest <= last)
        {
            var sql = $"SELECT ticket_id FROM {Upload.Department}.\"{Upload.Dataset}\" WHERE ticket_id BETWEEN {lowest} AND {last} AND ticket_id % {every} = 0";
            var started = clock.Elapsed;
            using var query = Request(HttpMethod.Post, "/api/v1/sql");
            query.Content = JsonContent.Create(new { sql, max_rows = 1_000_000 });
            using var answer = await client.SendAsync(query, cancellationToken);
            // Before the first commit the view does not exist yet (400): nothing is visible.
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                foreach (var row in JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken))!["rows"]!.AsArray())
                {
                    ProbesVisible.TryAdd(row![0]!.GetValue<long>(), started);
                }
            }
            while (lowest <= last && (lowest % every != 0 || ProbesVisible.ContainsKey(lowest)))
            {
                lowest += lowest % every == 0 ? every : every - lowest % every;
            }
            var next = started + interval - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, cancellationToken);
            }
        }
    }

    /// <summary>count(*) and count(DISTINCT ticket_id) of the dataset, through SQL.</summary>
    public async Task<(long Rows, long Distinct)> CountAsync()
    {
        using var query = Request(HttpMethod.Post, "/api/v1/sql");
        query.Content = JsonContent.Create(new { sql = $"SELECT count(*), count(DISTINCT ticket_id) FROM {Upload.Department}.\"{Upload.Dataset}\"" });
        var row = (await Upload.Expect(await client.SendAsync(query), HttpStatusCode.OK))["rows"]![0]!;
        return (row[0]!.GetValue<long>(), row[1]!.GetValue<long>());
    }

    /// <summary>The current version's number and internal files.</summary>
    public async Task<(int Version, int Files)> CurrentVersionAsync()
    {
        using var get = Request(HttpMethod.Get, $"/api/v1/datasets/{Upload.Department}/{Upload.Dataset}");
        var current = (await Upload.Expect(await client.SendAsync(get), HttpStatusCode.OK))["currentVersion"]!;
        using var version = Request(HttpMethod.Get, $"/api/v1/datasets/{Upload.Department}/{Upload.Dataset}/versions/{current["number"]}");
        var files = (await Upload.Expect(await client.SendAsync(version), HttpStatusCode.OK))["files"]!.AsArray();
        return (current["number"]!.GetValue<int>(), files.Count(f => f!["path"]!.GetValue<string>().StartsWith("internal/", StringComparison.Ordinal)));
    }

    private async Task<JsonNode?> StreamAsync()
    {
        using var list = Request(HttpMethod.Get, "/api/v1/streams");
        return (await Upload.Expect(await client.SendAsync(list), HttpStatusCode.OK)).AsArray()
            .FirstOrDefault(s => s?["dataset"]?.GetValue<string>() == Upload.Dataset);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return request;
    }
}
