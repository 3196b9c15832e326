using System.Globalization;
using OpenData.Bench;
using OpenData.Bench.PortalThroughput;

// Fills the catalog with 10,000 datasets over HTTP, then times the portal's catalog search page, its dataset page and
// CKAN's package_search, one anonymous request at a time, and prints p50/p95/p99 against issue 8's goal
// (p50 <= 30 ms, p99 <= 100 ms). See README.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return await BenchProgram.RunAsync(args, BenchOptions.Usage, BenchOptions.Parse, async options =>
{
    var apiAssembly = Repository.Find().ApiAssembly;
    using var work = new WorkFolder("opendata-portal-bench-", options.Keep);
    Console.WriteLine($"PortalThroughput: {options.Datasets:N0} datasets in the catalog, pages and CKAN's package_search timed one request at a time");
    Console.WriteLine($"  host:     {PlatformServer.Describe(apiAssembly)}");
    Console.WriteLine($"  {Machine.Description}");

    // Every request here is anonymous, as the public's are: the anonymous rate limit would stop the benchmark.
    await using var server = await PlatformServer.StartAsync(apiAssembly, work.Path, environment: new Dictionary<string, string>
    {
        ["RateLimits__AnonymousPermitLimit"] = "100000000",
    });
    using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };

    var filling = System.Diagnostics.Stopwatch.StartNew();
    await CatalogSeed.FillAsync(client, server.AdminKey, options.Datasets, parallel: 4,
        done => Console.Error.WriteLine($"  … {done:N0} datasets in {filling.Elapsed.TotalSeconds:0} s"));
    Console.WriteLine($"  catalog:  {options.Datasets:N0} datasets in {CatalogSeed.Departments.Length} departments ({options.Datasets * 7 / 10:N0} public), " +
        $"{options.Datasets / CatalogSeed.WithDataEvery:N0} with a 200-row version; filled over HTTP in {filling.Elapsed.TotalSeconds:0.0} s");
    Console.WriteLine();

    string[] words = ["water", "tickets", "health", "budget", "energy", "housing", "air", "library", "pension", "school"];
    var withData = Enumerable.Range(0, options.Datasets).Where(index => CatalogSeed.HasData(index) && CatalogSeed.IsPublic(index)).ToList();
    var withoutData = Enumerable.Range(0, options.Datasets).Where(index => !CatalogSeed.HasData(index) && CatalogSeed.IsPublic(index)).Take(200).ToList();
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
        results.Add(await workload.RunAsync(client, warmups: 20, options.Requests));
    }

    Console.WriteLine($"{"",-40} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"bytes",9}  goal p50 <= 30 ms, p99 <= 100 ms");
    var allMet = true;
    foreach (var result in results)
    {
        var (p50, p99) = (result.Wall.Median, result.Wall.P99);
        var met = p50 <= 30 && p99 <= 100;
        allMet &= met || !result.Workload.HasGoal;
        Console.WriteLine($"{result.Workload.Name,-40} {p50,8:0.0} {result.Wall.P95,8:0.0} {p99,8:0.0} {result.Wall.Max,8:0.0} {result.Bytes,9:N0}  " +
            (result.Workload.HasGoal ? met ? "met" : "NOT met" : "-"));
    }
    Console.WriteLine($"Times are the client's, from sending the request to the last byte, over loopback: the server's time plus well under a millisecond.");
    Console.WriteLine(allMet ? "All goals met." : "Some goals NOT met.");
    if (options.Keep)
    {
        Console.WriteLine($"kept: {work.Path} (server log {server.LogPath}, data folder {server.DataDirectory})");
    }
    return allMet ? 0 : 1;
});
