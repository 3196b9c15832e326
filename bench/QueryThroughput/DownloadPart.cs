using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OpenData.Bench.QueryThroughput;

/// <summary>
/// (c) Every row as CSV: <c>GET /data/transport/traffic-tickets.csv</c>, made now then again from the file it left
/// (or, when that route answers 404 or
/// <c>--sql-download</c> is given, <c>GET /api/v1/sql?sql=SELECT * FROM …&amp;format=csv</c>), read to the end and
/// counted without being kept; against bare DuckDB's <c>COPY … TO</c> a CSV file of the same columns from the same
/// tier's files.
/// </summary>
internal static class DownloadPart
{
    public const string Route = $"/data/{Platform.Department}/{Platform.Dataset}.csv";

    public sealed record Download(
        string How, string Why, TimeSpan Wall, TimeSpan FirstByte, long Bytes, long Rows, IReadOnlyList<string> Columns,
        TimeSpan ServerCpu, TimeSpan ClientCpu, long ServerRssBefore, long ServerPeakRss);

    public sealed record Copy(TimeSpan Wall, long Bytes, long Rows, TimeSpan Cpu, string Tier);

    public static string SqlRoute(long rows) =>
        "/api/v1/sql?sql=" + Uri.EscapeDataString($"SELECT * FROM {Platform.View}")
        + $"&format=csv&max_rows={rows}&timeout_ms=600000";

    /// <summary>
    /// Through the downloads route: twice, the first made by this request (the data folder's downloads/ is emptied
    /// first, so also with a reused --data-folder), the second from the file the first left. Through the SQL endpoint
    /// (the route answered 404, or --sql-download): once.
    /// </summary>
    public static async Task<IReadOnlyList<Download>> DownloadAsync(Platform platform, string key, PlatformServer server, long rows, bool viaSql)
    {
        if (!viaSql)
        {
            var cache = Path.Combine(server.DataDirectory, "downloads");
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
            var first = await GetAsync(platform, key, server, Route, "GET /data/…/traffic-tickets.csv, made now",
                "the downloads route; the first request makes the file (downloads/ was emptied before), the second is sent from it");
            if (first is not null)
            {
                var again = await GetAsync(platform, key, server, Route, "GET /data/…/traffic-tickets.csv, again", first.Why);
                return again is null ? throw new InvalidOperationException($"{Route} answered 404 the second time.") : [first, again];
            }
        }
        var why = viaSql ? "the SQL endpoint, as --sql-download asks" : $"the SQL endpoint: {Route} answered 404";
        var download = await GetAsync(platform, key, server, SqlRoute(rows), "GET /api/v1/sql?format=csv", why)
            ?? throw new InvalidOperationException($"{SqlRoute(rows)} answered 404.");
        return [download];
    }

    /// <summary>The download, or null on a 404 (the route is not there, or not yet).</summary>
    private static async Task<Download?> GetAsync(Platform platform, string key, PlatformServer server, string path, string how, string why)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var rssBefore = ProcStatus.Read(server.Pid).Rss;
        var serverBefore = ProcStatus.Read(server.Pid).Cpu;
        var ownBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await using var sampler = ProcessSampler.Start(server.Pid, clock, TimeSpan.FromMilliseconds(100));
        using var answer = await platform.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (answer.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{how} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\nserver log ({server.LogPath}):\n{server.Tail()}");
        }
        if (answer.Content.Headers.ContentEncoding.Count > 0)
        {
            throw new InvalidOperationException($"{how} came encoded ({string.Join(", ", answer.Content.Headers.ContentEncoding)}) though no encoding was asked for.");
        }

        await using var body = await answer.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 20];
        var header = new List<byte>();
        var headerDone = false;
        long bytes = 0, lines = 0;
        TimeSpan? firstByte = null;
        byte last = (byte)'\n';
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            firstByte ??= clock.Elapsed;
            var chunk = buffer.AsSpan(0, read);
            if (!headerDone)
            {
                var end = chunk.IndexOf((byte)'\n');
                header.AddRange((end < 0 ? chunk : chunk[..end]).ToArray());
                headerDone = end >= 0 || header.Count > 65536;
            }
            bytes += read;
            lines += chunk.Count((byte)'\n');
            last = chunk[^1];
        }
        var wall = clock.Elapsed;
        sampler.Take();
        await sampler.DisposeAsync();
        var serverCpu = ProcStatus.Read(server.Pid).Cpu - serverBefore;
        var ownCpu = Environment.CpuUsage.TotalTime - ownBefore;
        // Tickets hold no line break inside a field: the rows are the lines less the header.
        var rows = lines + (last == '\n' ? 0 : 1) - 1;
        var columns = Encoding.UTF8.GetString(header.ToArray()).TrimEnd('\r').Split(',').Select(c => c.Trim('"')).ToList();
        var peak = sampler.Points.Count == 0 ? -1 : sampler.Points.Max(point => point.Rss);
        return new Download(how, why, wall, firstByte ?? wall, bytes, rows, columns, serverCpu, ownCpu, rssBefore, peak);
    }

    /// <summary>
    /// Bare DuckDB writes the columns the download had from the tier it came from (the public tier has no personal
    /// column) to a CSV file, which is then deleted.
    /// </summary>
    public static Copy BareCopy(TicketsView bare, string lakeFolder, IReadOnlyList<string> files, IReadOnlyList<string> columns, string path)
    {
        var tier = columns.Contains("plate", StringComparer.OrdinalIgnoreCase) ? "internal" : "public";
        var tierFiles = files.Where(file => file.StartsWith(tier + "/", StringComparison.Ordinal)).Select(file => Path.Combine(lakeFolder, file)).ToList();
        var ownBefore = Environment.CpuUsage.TotalTime;
        var (wall, rows) = Alternating.Time(() => BareDuckDB.CopyToCsv(bare.Connection, tierFiles, columns, path));
        var cpu = Environment.CpuUsage.TotalTime - ownBefore;
        var bytes = new FileInfo(path).Length;
        File.Delete(path);
        return new Copy(wall, bytes, rows, cpu, tier);
    }
}
