using System.Globalization;
using OpenData.Bench;
using OpenData.Bench.QueryThroughput;

// Queries the tickets dataset through the platform (a separate process) and, in the same run, the same Parquet files
// on bare DuckDB in this process: (a) a GROUP BY, (b) a selective query, (c) every row as CSV, (d) concurrent clients.
// Prints both sides, their ratios and whether each goal of issue 5, item 8 is met.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return await BenchProgram.RunAsync(args, BenchOptions.Usage, BenchOptions.Parse, async options =>
{
    var repository = Repository.Find();
    var (macroFile, apiAssembly) = (repository.MacroFile, repository.ApiAssembly);
    using var work = new WorkFolder("opendata-query-bench-", options.Keep);
    Console.WriteLine($"QueryThroughput: {options.Rows:N0} traffic tickets, queried over HTTP vs bare DuckDB over the same Parquet files");
    Console.WriteLine($"  host:     {PlatformServer.Describe(apiAssembly)}");
    Console.WriteLine($"  {Machine.Description}; load average {Machine.LoadAverage()} at the start");

    var failed = false;
    var environment = new Dictionary<string, string>(options.HostEnvironment);
    if (options.Rows > 10_000_000)
    {
        // Sql:MaxRows caps a CSV answer of the SQL endpoint (the download's fallback); its default is 10 million.
        environment.TryAdd("Sql__MaxRows", options.Rows.ToString(CultureInfo.InvariantCulture));
    }
    await using var server = await PlatformServer.StartAsync(apiAssembly, work.Path, options.DataFolder, environment);
    if (environment.Count > 0)
    {
        Console.WriteLine($"  host env: {string.Join(", ", environment.Select(variable => $"{variable.Key}={variable.Value}"))}");
    }
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
    var platform = new Platform(server, client);

    Progress($"publishing {options.Rows:N0} rows (or finding them in the data folder) …");
    var published = await platform.EnsureDatasetAsync(options.Rows, () =>
    {
        var (path, bytes, generated) = TicketsCsv.Ensure(options.Rows, macroFile);
        Console.WriteLine(generated is { } took
            ? $"  file:     {path}, {bytes:N0} bytes, written in {took.TotalSeconds:0.0} s"
            : $"  file:     {path}, {bytes:N0} bytes (reused from the cache)");
        return path;
    });
    var lake = Path.Combine(server.DataDirectory, "lake");
    var internalFiles = published.Files.Where(file => file.StartsWith("internal/", StringComparison.Ordinal)).ToList();
    var publicFiles = published.Files.Where(file => file.StartsWith("public/", StringComparison.Ordinal)).ToList();
    Console.WriteLine($"  dataset:  {Platform.Department}/{Platform.Dataset} version {published.Version}, {published.Rows:N0} rows, sorted by issued_at; "
        + (published.UploadWall is { } upload ? $"{published.How} ({upload.TotalSeconds:0.0} s)" : published.How));
    Console.WriteLine($"  files:    internal tier {internalFiles.Count} ({Report.Mib(internalFiles.Sum(file => new FileInfo(Path.Combine(lake, file)).Length))}), "
        + $"public tier {publicFiles.Count} ({Report.Mib(publicFiles.Sum(file => new FileInfo(Path.Combine(lake, file)).Length))}) under {lake}");
    if (published.Rows != options.Rows)
    {
        throw new InvalidOperationException($"The dataset holds {published.Rows:N0} rows, not {options.Rows:N0}.");
    }
    var key = await platform.CreateAnalystKeyAsync();
    Console.WriteLine("  callers:  HTTP with an analyst key (internal tier); bare DuckDB with a view of the same name over the same internal-tier files");
    Console.WriteLine();

    using var bare = new TicketsView(internalFiles.Select(file => Path.Combine(lake, file)).ToList());

    (Side Http, Side Bare)? group = null, selective = null;
    Report.Steps? steps = null;
    Report.Downloads? downloads = null;
    (ConcurrentPart.Result Http, ConcurrentPart.Result Bare)? concurrent = null;
    if (options.Runs('a'))
    {
        Progress($"(a) GROUP BY district: {GroupByPart.Warmups} + {options.GroupRuns} runs on each side, in turns …");
        group = await GroupByPart.RunAsync(platform, key, bare, server.Pid, options.GroupRuns);
    }
    if (options.Runs('b'))
    {
        Progress($"(b) one district on one day: {SelectivePart.Warmups} + {options.Iterations} runs on each side, in turns …");
        selective = await SelectivePart.RunAsync(platform, key, bare, server.Pid, options.Iterations);
        var runs = Math.Min(options.Iterations, 100);
        Progress($"where (b)'s time goes: {runs} empty round trips and SELECT 42 over HTTP, the engine's steps replayed on bare DuckDB …");
        steps = new Report.Steps(runs, await Breakdown.OverHttpAsync(platform, key, server.Pid, runs), Breakdown.Replayed(bare, runs));
    }
    if (options.Runs('c'))
    {
        Progress("(c) every row as CSV: the download, then bare DuckDB's COPY … TO csv …");
        var platformDownloads = await DownloadPart.DownloadAsync(platform, key, server, published.Rows, options.SqlDownload);
        var copy = DownloadPart.BareCopy(bare, lake, published.Files, platformDownloads[0].Columns, Path.Combine(work.Path, "bare.csv"));
        downloads = new Report.Downloads(platformDownloads, copy, published.Rows);
        failed |= !downloads.AllRows;
    }
    if (options.Runs('d'))
    {
        Progress($"(d) {options.Clients} concurrent clients of the selective query for {options.Duration.TotalSeconds:0} s on each side …");
        concurrent = (await ConcurrentPart.HttpAsync(platform, key, server.Pid, options.Clients, options.Duration),
            ConcurrentPart.Bare(bare, options.Clients, options.Duration));
        failed |= concurrent.Value.Http.Failures > 0;
    }

    Report.Sequential(group, selective);
    if (downloads is not null)
    {
        Report.Download(downloads);
    }
    if (concurrent is var (http, reference))
    {
        Report.Concurrent(http, reference);
    }
    Report.Goals(group, selective, downloads, concurrent);
    Report.WhereTheTimeGoes(group, selective, steps);
    Console.WriteLine($"load average {Machine.LoadAverage()} at the end");
    if (options.Keep)
    {
        Console.WriteLine($"kept: {work.Path} (server log {server.LogPath}, data folder {server.DataDirectory})");
    }
    else if (options.DataFolder is not null)
    {
        Console.WriteLine($"kept: the data folder {options.DataFolder} (--data-folder); the server log goes with the temp folder (--keep keeps it)");
    }
    return failed ? 1 : 0;
});

static void Progress(string text) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");
