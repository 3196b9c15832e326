using System.Globalization;
using System.Runtime.InteropServices;
using OpenData.Bench;
using OpenData.Bench.PortalThroughput;

// Fills the catalog with 10,000 datasets over HTTP, then times the portal's catalog search page, its dataset page and
// CKAN's package_search, one anonymous request at a time, and prints p50/p95/p99 against issue 8's goal
// (p50 <= 30 ms, p99 <= 100 ms). See README.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = """
    usage: PortalThroughput [--datasets N] [--requests N] [--keep]
      --datasets N   datasets in the catalog (default 10000); every 100th gets a small CSV version
      --requests N   timed requests of each kind, after 20 warm-up ones (default 300)
      --keep         keep the temp folder (server.log and the data folder)
    Build the host first: dotnet build -c Release api
    """;
var datasets = 10_000;
var requests = 300;
var keep = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--datasets" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= CatalogSeed.WithDataEvery:
            datasets = n;
            i++;
            break;
        case "--requests" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0:
            requests = r;
            i++;
            break;
        case "--keep":
            keep = true;
            break;
        default:
            Console.Error.WriteLine(args[i] is "--help" or "-h" ? "" : $"Unknown or incomplete argument '{args[i]}'.");
            Console.Error.WriteLine(Usage);
            return args[i] is "--help" or "-h" ? 0 : 2;
    }
}

string apiAssembly;
try
{
    apiAssembly = Repository.Find().ApiAssembly;
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var work = Directory.CreateTempSubdirectory("opendata-portal-bench-").FullName;
Console.WriteLine($"PortalThroughput: {datasets:N0} datasets in the catalog, pages and CKAN's package_search timed one request at a time");
Console.WriteLine($"  host:     dotnet {apiAssembly} (built {File.GetLastWriteTime(apiAssembly):yyyy-MM-dd HH:mm})");
Console.WriteLine($"  .NET {Environment.Version}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}");
try
{
    // Every request here is anonymous, as the public's are: the anonymous rate limit would stop the benchmark.
    await using var server = await PlatformServer.StartAsync(apiAssembly, work, environment: new Dictionary<string, string>
    {
        ["RateLimits__AnonymousPermitLimit"] = "100000000",
    });
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };

    var filling = System.Diagnostics.Stopwatch.StartNew();
    await CatalogSeed.FillAsync(client, server.AdminKey, datasets, parallel: 4,
        done => Console.Error.WriteLine($"  … {done:N0} datasets in {filling.Elapsed.TotalSeconds:0} s"));
    Console.WriteLine($"  catalog:  {datasets:N0} datasets in {CatalogSeed.Departments.Length} departments ({datasets * 7 / 10:N0} public), " +
        $"{datasets / CatalogSeed.WithDataEvery:N0} with a 200-row version; filled over HTTP in {filling.Elapsed.TotalSeconds:0.0} s");
    Console.WriteLine();

    string[] words = ["water", "tickets", "health", "budget", "energy", "housing", "air", "library", "pension", "school"];
    var withData = Enumerable.Range(0, datasets).Where(index => CatalogSeed.HasData(index) && CatalogSeed.IsPublic(index)).ToList();
    var withoutData = Enumerable.Range(0, datasets).Where(index => !CatalogSeed.HasData(index) && CatalogSeed.IsPublic(index)).Take(200).ToList();
    string Page(int index) => $"/datasets/{CatalogSeed.Department(index)}/{CatalogSeed.Slug(index)}";
    Workload[] workloads =
    [
        new("home page /", ["/"], HasGoal: false),
        new("catalog search page, text", [.. words.Select(word => $"/datasets?q={word}")], HasGoal: true),
        new("catalog search page, no text, page 10", ["/datasets?page=10", "/datasets?sort=updated&page=3", "/datasets?sort=name&page=25"], HasGoal: true),
        new("catalog search page, text + facets", [.. words.Select((word, i) => $"/datasets?q={word}&department={CatalogSeed.Departments[i % 5]}&licence=CC-BY-4.0")], HasGoal: true),
        new("dataset page, with a version", [.. withData.Select(Page)], HasGoal: true),
        new("dataset page, no version yet", [.. withoutData.Select(Page)], HasGoal: true),
        new("CKAN package_search, q", [.. words.Select(word => $"/api/3/action/package_search?q={word}&rows=20")], HasGoal: true),
        new("CKAN package_search, fq + facets", [.. CatalogSeed.Departments.Select(department =>
            $"/api/3/action/package_search?fq=organization:{department}&facet.field=[\"tags\",\"organization\",\"license_id\"]&rows=20&start=40")], HasGoal: true),
    ];

    var results = new List<Workload.Result>();
    foreach (var workload in workloads)
    {
        Console.Error.WriteLine($"  timing {workload.Name} …");
        results.Add(await workload.RunAsync(client, warmups: 20, requests));
    }

    Console.WriteLine($"{"",-40} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"bytes",9}  goal p50 <= 30 ms, p99 <= 100 ms");
    var allMet = true;
    foreach (var result in results)
    {
        var (p50, p99) = (result.Percentile(50), result.Percentile(99));
        var met = p50 <= 30 && p99 <= 100;
        allMet &= met || !result.Workload.HasGoal;
        Console.WriteLine($"{result.Workload.Name,-40} {p50,8:0.0} {result.Percentile(95),8:0.0} {p99,8:0.0} {result.SortedMs[^1],8:0.0} {result.Bytes,9:N0}  " +
            (result.Workload.HasGoal ? met ? "met" : "NOT met" : "-"));
    }
    Console.WriteLine($"Times are the client's, from sending the request to the last byte, over loopback: the server's time plus well under a millisecond.");
    Console.WriteLine(allMet ? "All goals met." : "Some goals NOT met.");
    if (keep)
    {
        Console.WriteLine($"kept: {work} (server log {server.LogPath}, data folder {server.DataDirectory})");
    }
    return allMet ? 0 : 1;
}
catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException)
{
    Console.Error.WriteLine($"PortalThroughput failed: {e.Message}");
    return 1;
}
finally
{
    if (!keep)
    {
        Directory.Delete(work, recursive: true);
    }
}
