namespace OpenData.Bench.QueryThroughput;

/// <summary>The printed figures: one section per part, the goals, and where the time of a query goes.</summary>
internal static class Report
{
    public const double GroupByGoal = 1.15;
    public const double SelectiveMsGoal = 15;
    public const double SelectiveGoal = 1.5;
    public const double DownloadGoal = 0.8;

    public sealed record Downloads(IReadOnlyList<DownloadPart.Download> Platform, DownloadPart.Copy Bare, long DatasetRows)
    {
        public bool AllRows => Platform.All(download => download.Rows == DatasetRows) && Bare.Rows == DatasetRows;
    }

    public sealed record Steps(int Runs, IReadOnlyList<Breakdown.Step> OverHttp, IReadOnlyList<Breakdown.Step> Replayed);

    public static void Sequential((Side Http, Side Bare)? group, (Side Http, Side Bare)? selective)
    {
        if (group is null && selective is null)
        {
            return;
        }
        Console.WriteLine("                                              runs      median         p95         p99   server ms (p50)   CPU/run server   CPU/run here");
        if (group is var (groupHttp, groupBare))
        {
            Row("(a) GROUP BY district   POST /api/v1/sql json", groupHttp);
            Row("                        bare DuckDB          ", groupBare);
        }
        if (selective is var (selectiveHttp, selectiveBare))
        {
            Row("(b) one district, 1 day POST /api/v1/sql json", selectiveHttp);
            Row("                        bare DuckDB          ", selectiveBare);
        }
        Console.WriteLine();
    }

    public static void Download(Downloads downloads)
    {
        var copy = downloads.Bare;
        Console.WriteLine("(c) every row as CSV                               wall      rows/s        MB/s   first byte   CPU server    CPU here   server RSS before/peak");
        foreach (var download in downloads.Platform)
        {
            Console.WriteLine($"    {download.How,-45} {Seconds(download.Wall),9}  {Rate(download.Rows, download.Wall),10}  {download.Bytes / 1e6 / download.Wall.TotalSeconds,10:0.0}  {Seconds(download.FirstByte),11}  {Seconds(download.ServerCpu),11}  {Seconds(download.ClientCpu),10}   {Mib(download.ServerRssBefore)} / {Mib(download.ServerPeakRss)}");
        }
        Console.WriteLine($"    {$"bare DuckDB COPY … TO csv ({copy.Tier} tier)",-45} {Seconds(copy.Wall),9}  {Rate(copy.Rows, copy.Wall),10}  {copy.Bytes / 1e6 / copy.Wall.TotalSeconds,10:0.0}  {"",11}  {"",11}  {Seconds(copy.Cpu),10}");
        var first = downloads.Platform[0];
        Console.WriteLine($"    through {first.Why}; the client reads each body to its end, counting bytes and line feeds");
        Console.WriteLine($"    rows: download {string.Join(" and ", downloads.Platform.Select(download => download.Rows.ToString("N0")))} ({first.Bytes:N0} bytes, columns {string.Join(",", first.Columns)}), "
            + $"bare {copy.Rows:N0} ({copy.Bytes:N0} bytes), dataset {downloads.DatasetRows:N0}" + (downloads.AllRows ? " — all rows on both sides" : " — MISMATCH"));
        Console.WriteLine();
    }

    public static void Concurrent(ConcurrentPart.Result http, ConcurrentPart.Result bare)
    {
        Console.WriteLine($"(d) {http.Clients} clients, {http.Duration.TotalSeconds:0} s             queries   queries/s         p50         p99   failures   CPU server    CPU here");
        Concurrent("POST /api/v1/sql json", http);
        Concurrent($"bare DuckDB, {bare.Clients} connections", bare);
        if (http.FirstFailure is { } failure)
        {
            Console.WriteLine($"    first failure: {failure}");
        }
        Console.WriteLine();
    }

    public static void Goals(
        (Side Http, Side Bare)? group, (Side Http, Side Bare)? selective, Downloads? downloads,
        (ConcurrentPart.Result Http, ConcurrentPart.Result Bare)? concurrent)
    {
        if (group is var (groupHttp, groupBare))
        {
            var ratio = groupHttp.Wall.Median / groupBare.Wall.Median;
            Console.WriteLine($"goal (a) GROUP BY, HTTP median / bare median <= {GroupByGoal:0.00}x: {Met(ratio <= GroupByGoal)} ({ratio:0.00}x; p95 {groupHttp.Wall.P95 / groupBare.Wall.P95:0.00}x; CPU per run {CpuRatio(groupHttp, groupBare)})");
        }
        if (selective is var (selectiveHttp, selectiveBare))
        {
            var ratio = selectiveHttp.Wall.Median / selectiveBare.Wall.Median;
            Console.WriteLine($"goal (b) selective query, HTTP p50 <= {SelectiveMsGoal:0} ms: {Met(selectiveHttp.Wall.Median <= SelectiveMsGoal)} ({selectiveHttp.Wall.Median:0.00} ms)");
            Console.WriteLine($"goal (b) selective query, HTTP p50 / bare p50 <= {SelectiveGoal:0.0}x: {Met(ratio <= SelectiveGoal)} ({ratio:0.00}x; p95 {selectiveHttp.Wall.P95 / selectiveBare.Wall.P95:0.00}x; CPU per run {CpuRatio(selectiveHttp, selectiveBare)})");
        }
        foreach (var download in downloads?.Platform ?? [])
        {
            var copy = downloads!.Bare;
            var ratio = download.Rows / download.Wall.TotalSeconds / (copy.Rows / copy.Wall.TotalSeconds);
            Console.WriteLine($"goal (c) CSV download rows/s >= {DownloadGoal:0.0}x bare COPY … TO csv: {Met(ratio >= DownloadGoal)} ({ratio:0.00}x, {download.How}; CPU bare/server {copy.Cpu / download.ServerCpu:0.00}x)");
        }
        if (concurrent is var (http, bare))
        {
            Console.WriteLine($"(d) {http.Clients} clients: HTTP {http.PerSecond:0} queries/s vs bare {bare.PerSecond:0} queries/s ({http.PerSecond / bare.PerSecond:0.00}x), HTTP p50 {http.Latency.Median:0.0} ms, p99 {http.Latency.P99:0.0} ms; "
                + $"CPU per query: server {http.ServerCpu.TotalMilliseconds / http.Queries:0.0} ms, bare {bare.OwnCpu.TotalMilliseconds / bare.Queries:0.0} ms (no goal)");
        }
        Console.WriteLine();
    }

    public static void WhereTheTimeGoes((Side Http, Side Bare)? group, (Side Http, Side Bare)? selective, Steps? steps)
    {
        if (group is null && selective is null && steps is null)
        {
            return;
        }
        Console.WriteLine("where the time of a query goes (medians; CPU per run: the server's for HTTP, this process's for bare DuckDB):");
        if (group is var (groupHttp, groupBare))
        {
            Console.WriteLine($"  (a) HTTP {Ms(groupHttp.Wall.Median)}: {Ms(groupHttp.ServerMs.Median)} in the handler (elapsed_ms: catalog read, session, statement check, query, JSON), {Ms(groupHttp.Wall.Median - groupHttp.ServerMs.Median)} outside it; bare {Ms(groupBare.Wall.Median)}");
        }
        if (selective is var (selectiveHttp, selectiveBare))
        {
            Console.WriteLine($"  (b) HTTP {Ms(selectiveHttp.Wall.Median)}: {Ms(selectiveHttp.ServerMs.Median)} in the handler, {Ms(selectiveHttp.Wall.Median - selectiveHttp.ServerMs.Median)} outside it; bare {Ms(selectiveBare.Wall.Median)}");
        }
        if (steps is not null)
        {
            Console.WriteLine($"  over HTTP, {steps.Runs} runs each, in turns:");
            foreach (var step in steps.OverHttp)
            {
                Console.WriteLine($"    {step.Name,-62} {Ms(step.Wall.Median),10}  {(step.Cpu > TimeSpan.Zero ? $"CPU {Ms(step.Cpu.TotalMilliseconds)}" : "")}");
            }
            Console.WriteLine($"  the steps lake/Query takes for each request, replayed on bare DuckDB with (b)'s queries, {steps.Runs} runs:");
            foreach (var step in steps.Replayed)
            {
                Console.WriteLine($"    {step.Name,-62} {Ms(step.Wall.Median),10}  CPU {Ms(step.Cpu.TotalMilliseconds)}");
            }
            Console.WriteLine($"    {"sum (bare (b) runs the query alone, on one open connection)",-62} {Ms(steps.Replayed.Sum(step => step.Wall.Median)),10}  CPU {Ms(steps.Replayed.Sum(step => step.Cpu.TotalMilliseconds))}");
        }
        Console.WriteLine();
    }

    public static string Mib(long bytes) => bytes < 0 ? "n/a" : $"{bytes / 1048576.0:0} MiB";

    private static void Row(string name, Side side) =>
        Console.WriteLine($"{name}  {side.Runs,5}  {Ms(side.Wall.Median),10}  {Ms(side.Wall.P95),10}  {Ms(side.Wall.P99),10}  {(side.ServerMs.Count > 0 ? Ms(side.ServerMs.Median) : ""),16}  {(side.ServerMs.Count > 0 ? Ms(side.ServerCpu.TotalMilliseconds / side.Runs) : ""),15}  {Ms(side.OwnCpu.TotalMilliseconds / side.Runs),13}");

    private static void Concurrent(string name, ConcurrentPart.Result result) =>
        Console.WriteLine($"    {name,-38} {result.Queries,8:N0}  {result.PerSecond,10:0.0}  {Ms(result.Latency.Median),10}  {Ms(result.Latency.P99),10}  {result.Failures,9:N0}  {(result.ServerCpu > TimeSpan.Zero ? Seconds(result.ServerCpu) : ""),11}  {Seconds(result.OwnCpu),10}");

    private static string Ms(double milliseconds) => milliseconds >= 100 ? $"{milliseconds:0.0} ms" : $"{milliseconds:0.00} ms";

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.00} s";

    private static string Rate(long rows, TimeSpan time) => $"{rows / time.TotalSeconds / 1e6:0.00} M";

    private static string CpuRatio(Side http, Side bare) => $"{http.ServerCpu / bare.OwnCpu:0.00}x";

    private static string Met(bool met) => met ? "met" : "NOT met";
}
