using System.Diagnostics;
using System.Globalization;
using System.Net;
using OpenData.Bench;
using OpenData.Bench.UploadThroughput;

// Uploads the reference CSV over HTTP to the platform (a separate process) and, in the same run, times bare DuckDB
// converting the same file to zstd Parquet; prints both, their ratio (goal ≤ 1.25×) and the server's peak RSS (goal < 1.5 GB).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const double Goal = 1.25;
const long MemoryGoal = 1_500_000_000;

return await BenchProgram.RunAsync(args, BenchOptions.Usage, BenchOptions.Parse, async options =>
{
    var repository = Repository.Find();
    var (macroFile, apiAssembly) = (repository.MacroFile, repository.ApiAssembly);
    using var work = new WorkFolder("opendata-upload-bench-", options.Keep);
    Console.WriteLine($"UploadThroughput: {options.Rows:N0} traffic tickets as CSV, PUT over HTTP vs bare DuckDB CSV -> zstd Parquet");
    Console.WriteLine($"  host:     {PlatformServer.Describe(apiAssembly)}");
    Console.WriteLine($"  {Machine.Description}");

    try
    {
        var (csv, bytes, generated) = TicketsCsv.Ensure(options.Rows, macroFile);
        Console.WriteLine(generated is { } took
            ? $"  file:     {csv}, {bytes:N0} bytes, written in {took.TotalSeconds:0.0} s (COPY (FROM tickets({options.Rows})) TO … (HEADER))"
            : $"  file:     {csv}, {bytes:N0} bytes (reused from the cache)");
        var fileRows = TicketsCsv.CountRows(csv);
        Console.WriteLine();

        // 1. The platform, uploading the file as a new public dataset (sorted by issued_at, plate personal).
        Upload.Result upload;
        ServerSampler.Point[] points;
        long peakRss, hwm, idleRss;
        string logPath;
        await using (var server = await PlatformServer.StartAsync(apiAssembly, work.Path))
        {
            logPath = server.LogPath;
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
            var publisher = await Upload.PrepareAsync(client, server.AdminKey);
            idleRss = ProcStatus.Read(server.Pid).Rss;
            var clock = Stopwatch.StartNew();
            await using (var sampler = new ServerSampler(server.Pid, server.DataDirectory, clock))
            {
                upload = await Upload.PutAsync(client, publisher, csv, clock);
                sampler.Take();
                await sampler.DisposeAsync();
                points = [.. sampler.Points];
            }
            hwm = ProcStatus.Read(server.Pid).PeakRss;
            peakRss = Math.Max(hwm, points.Length == 0 ? 0 : points.Max(point => point.Rss));
            if (upload.Status != HttpStatusCode.Created)
            {
                Console.Error.WriteLine($"The upload answered {(int)upload.Status}, not 201: {upload.Raw}");
                Console.Error.WriteLine($"server log ({server.LogPath}):\n{server.Tail()}");
                return 1;
            }
        }

        // 2. Bare DuckDB, same file, fresh in-process database (the server has stopped by now).
        var bare = BareDuckDB.Convert(csv, Path.Combine(work.Path, "bare.parquet"));

        // 3. The figures.
        var body = upload.Body!;
        var committed = body["rows"]?.GetValue<long>() ?? -1;
        var versionRows = body["versionRows"]?.GetValue<long>() ?? -1;
        var rejected = body["rejectedRows"]?.GetValue<long>() ?? 0;
        var versionBytes = body["versionBytes"]?.GetValue<long>() ?? -1;
        var serverMs = body["durationMs"]?.GetValue<long>() ?? -1;
        var ratio = upload.Wall / bare.Wall;
        var serverCpu = points.Length > 1 ? points[^1].Cpu - points[0].Cpu : TimeSpan.Zero;

        Console.WriteLine("                          wall        rows/s       MB/s   CPU (process)   peak RSS      Parquet");
        Console.WriteLine($"upload (PUT …/data)  {Seconds(upload.Wall),10}  {Rate(fileRows, upload.Wall),10}  {bytes / 1e6 / upload.Wall.TotalSeconds,9:0.0}  {Seconds(serverCpu),14}  {Mib(peakRss),9}  {Mib(versionBytes),11}  (server)");
        Console.WriteLine($"bare DuckDB COPY     {Seconds(bare.Wall),10}  {Rate(fileRows, bare.Wall),10}  {bytes / 1e6 / bare.Wall.TotalSeconds,9:0.0}  {Seconds(bare.Cpu),14}  {Mib(bare.PeakRssBytes),9}  {Mib(bare.ParquetBytes),11}");
        Console.WriteLine();
        Console.WriteLine($"rows: file {fileRows:N0}, committed {committed:N0} (version rows {versionRows:N0}, rejected {rejected:N0}), bare Parquet {bare.Rows:N0}"
            + (committed == fileRows && bare.Rows == fileRows ? " — all rows on both sides" : " — MISMATCH"));
        Console.WriteLine($"server: 201 after {Seconds(upload.Wall)} (its own durationMs {serverMs:N0}); body sent by the client after {Seconds(upload.BodySent)}; RSS idle {Mib(idleRss)}, peak {Mib(peakRss)} (VmHWM {Mib(hwm)})");
        Console.WriteLine($"goal upload/bare <= {Goal:0.00}x: {(ratio <= Goal ? "met" : "NOT met")} ({ratio:0.00}x)");
        Console.WriteLine($"goal server peak RSS < 1.5 GB: {(peakRss < MemoryGoal ? "met" : "NOT met")} ({peakRss / 1e9:0.00} GB)");
        Console.WriteLine();
        Phases.Print(points, bytes, upload);
        if (options.Timeline)
        {
            Phases.Timeline(points);
        }
        if (options.Keep)
        {
            Console.WriteLine($"kept: {work.Path} (server log {logPath})");
        }
        return committed == fileRows ? 0 : 1;
    }
    finally
    {
        if (options.Clean)
        {
            TicketsCsv.Remove(options.Rows);
        }
    }
});

static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.000} s";

static string Rate(long rows, TimeSpan time) => $"{rows / time.TotalSeconds / 1e6:0.00} M";

static string Mib(long bytes) => bytes < 0 ? "n/a" : $"{bytes / 1048576.0:0} MiB";
