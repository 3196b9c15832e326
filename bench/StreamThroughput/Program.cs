using System.Diagnostics;
using System.Globalization;
using OpenData.Bench;
using OpenData.Bench.StreamThroughput;
using OpenData.Streaming.Kafka;

// 2 million tickets as JSON over 16 partitions of a mock cluster, produced while consumed: first by a bare Confluent
// consumer loop, then by the platform (its own process) into the lake. Prints both rates and their ratio (goal >= 0.6),
// then the freshness from produce to visible in SQL at a steady rate (goal p99 <= 5 s at the default flush interval).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const double RatioGoal = 0.6;
const double FreshnessGoal = 5;
const int ProbeEvery = 100;

return await BenchProgram.RunAsync(args, BenchOptions.Usage, BenchOptions.Parse, async options =>
{
    var repository = Repository.Find();
    var (macroFile, apiAssembly) = (repository.MacroFile, repository.ApiAssembly);
    KafkaNativeLibrary.EnsureLoaded();
    var probeInterval = TimeSpan.FromMilliseconds(200);
    var timeout = TimeSpan.FromMinutes(10);
    using var work = new WorkFolder("opendata-stream-bench-", options.Keep);
    using var cluster = MockCluster.Start();

    Console.WriteLine($"StreamThroughput: {options.Records:N0} traffic tickets as JSON over {BenchOptions.Partitions} partitions, produced while consumed (at most {options.MaxLag:N0} ahead)");
    Console.WriteLine($"  host:     {PlatformServer.Describe(apiAssembly)}, default flush settings (2,000 ms, 50,000 records)");
    Console.WriteLine($"  broker:   librdkafka {KafkaNativeLibrary.Version} mock cluster in this process at {cluster.BootstrapServers}");
    Console.WriteLine($"  {Machine.Description}");

    var generating = Stopwatch.StartNew();
    var records = TicketsJson.Generate(1, options.Records, macroFile);
    var jsonBytes = records.Sum(r => (long)r.Length);
    Console.WriteLine($"  records:  {jsonBytes / 1e6:0} MB of JSON ({(double)jsonBytes / records.Length:0} bytes each, tickets({options.Records}) through to_json), made in {generating.Elapsed.TotalSeconds:0.0} s");
    Console.WriteLine();

    // 1. The reference: a bare consumer loop in this process, beside the broker and the producer.
    const string rawTopic = "bench.raw";
    cluster.CreateTopic(rawTopic, BenchOptions.Partitions);
    var raw = new RawConsumer(cluster.BootstrapServers);
    var clock = Stopwatch.StartNew();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var rawReading = Task.Factory.StartNew(() => raw.Run(rawTopic, options.Records, clock, timeout), TaskCreationOptions.LongRunning);
    var rawStarted = new PacedProducer(cluster.BootstrapServers, options.MaxLag).Run(rawTopic, records, 1, () => raw.Consumed, clock);
    var rawWall = await rawReading - rawStarted;
    var rawCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var rawRate = options.Records / rawWall.TotalSeconds;

    // 2. The platform, its own process, consuming from the same cluster into the lake as fast as it can (with no SQL
    // queries beside it: they would take their share of the cores).
    const string topic = "bench.tickets";
    cluster.CreateTopic(topic, BenchOptions.Partitions);
    var environment = new Dictionary<string, string>
    {
        ["Kafka__BootstrapServers"] = cluster.BootstrapServers,
        // Only how soon the binding is noticed: it changes nothing once records flow.
        ["Kafka__StreamsRefreshInterval"] = "00:00:00.500",
        // A compaction landing in the middle of one run and not another would only add noise.
        ["Compaction__Schedule"] = "",
    };
    await using var server = await PlatformServer.StartAsync(apiAssembly, work.Path, environment: environment);
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
    var platform = new PlatformStream(client, server.AdminKey);
    await platform.BindAsync(topic, TimeSpan.FromSeconds(60));

    using var stop = new CancellationTokenSource(timeout);
    var saturated = new PacedProducer(cluster.BootstrapServers, options.MaxLag);
    clock.Restart();
    var hostCpuBefore = ProcStatus.Read(server.Pid).Cpu;
    var following = platform.FollowOffsetsAsync(options.Records, clock, stop.Token);
    var started = await Task.Factory.StartNew(
        () => saturated.Run(topic, records, 1, () => platform.Committed, clock), TaskCreationOptions.LongRunning);
    var platformWall = await following - started;
    var platformCpu = ProcStatus.Read(server.Pid).Cpu - hostCpuBefore;
    var platformRate = options.Records / platformWall.TotalSeconds;

    // 3. Freshness when the platform keeps up (while it cannot, records only wait longer in Kafka): the next tickets
    // at half its rate, for --steady-seconds, with SQL asked for every 100th of them every 200 ms.
    var steadyRate = Math.Max(1_000, Math.Round(platformRate / 2 / 1_000) * 1_000);
    var steadyRecords = (int)(steadyRate * options.SteadySeconds);
    var first = options.Records + 1L;
    var steadyJson = TicketsJson.Generate(first, steadyRecords, macroFile);
    var steady = new PacedProducer(cluster.BootstrapServers, options.MaxLag, ProbeEvery, steadyRate);
    var total = options.Records + steadyRecords;
    following = platform.FollowOffsetsAsync(total, clock, stop.Token);
    var watching = platform.WatchProbesAsync(first, total, ProbeEvery, probeInterval, clock, stop.Token);
    await Task.Factory.StartNew(() => steady.Run(topic, steadyJson, first, () => platform.Committed - options.Records, clock), TaskCreationOptions.LongRunning);
    await following;
    await watching;
    var steadyFreshness = Freshness.Of(steady.ProbesProduced, platform.ProbesVisible);

    var counted = await platform.CountAsync();
    var current = await platform.CurrentVersionAsync();

    // 4. The figures.
    var ratio = platformRate / rawRate;
    Console.WriteLine("                               wall      records/s      MB/s   CPU (process)");
    Console.WriteLine($"raw Confluent consumer   {Seconds(rawWall),10}  {rawRate,12:N0}  {jsonBytes / 1e6 / rawWall.TotalSeconds,8:0.0}  {Seconds(rawCpu),14}  (this process: broker, producer, consumer)");
    Console.WriteLine($"platform, into the lake  {Seconds(platformWall),10}  {platformRate,12:N0}  {jsonBytes / 1e6 / platformWall.TotalSeconds,8:0.0}  {Seconds(platformCpu),14}  (the host; broker and producer in this process)");
    Console.WriteLine();
    var whole = counted.Rows == total && counted.Distinct == total;
    Console.WriteLine($"lake: {counted.Rows:N0} rows, {counted.Distinct:N0} distinct ticket_id (of {total:N0} produced), version {current.Version} with {current.Files} internal files"
        + (whole ? " — every record once" : " — MISMATCH"));
    Console.WriteLine($"goal platform/raw >= {RatioGoal:0.0}: {(ratio >= RatioGoal ? "met" : "NOT met")} ({ratio:0.00})");
    Console.WriteLine($"freshness, produce to visible in SQL, at a steady {steadyRate:N0} records/s for {options.SteadySeconds} s (SQL every {probeInterval.TotalMilliseconds:0} ms): {steadyFreshness}");
    Console.WriteLine($"goal freshness p99 <= {FreshnessGoal:0} s at the default flush interval: {(steadyFreshness.P99 <= FreshnessGoal ? "met" : "NOT met")} ({steadyFreshness.P99:0.00} s)");
    if (options.Keep)
    {
        Console.WriteLine($"kept: {work.Path} (server log {server.LogPath})");
    }
    return whole ? 0 : 1;
});

static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.00} s";
