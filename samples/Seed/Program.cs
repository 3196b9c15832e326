using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenData.Samples;

// Seeds a platform with the three sample departments and datasets. See samples/README.md.
//   dotnet run --project samples/Seed -- [--url http://localhost:5000] [--admin-key KEY] [--rows 100000] [--out DIR]
//   dotnet run --project samples/Seed -- --generate-only DIR [--rows N]     (writes the CSV files, no HTTP)
return await SeedProgram.RunAsync(args);

public static class SeedProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        string url = "http://localhost:5000";
        string? adminKey = Environment.GetEnvironmentVariable("OPENDATA_ADMIN_KEY");
        long rows = 100_000;
        string? output = null;
        string? generateOnly = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--url": url = Next(); break;
                case "--admin-key": adminKey = Next(); break;
                case "--rows": rows = long.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--out": output = Next(); break;
                case "--generate-only": generateOnly = Next(); break;
                case "-h" or "--help":
                    Console.WriteLine("usage: Seed [--url URL] [--admin-key KEY] [--rows N] [--out DIR] | --generate-only DIR [--rows N]");
                    Console.WriteLine("The admin key can also come from the environment variable OPENDATA_ADMIN_KEY.");
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'; try --help.");
                    return 2;
            }
        }
        if (rows < 0)
        {
            Console.Error.WriteLine("--rows must be zero or more.");
            return 2;
        }

        if (generateOnly is not null)
        {
            Directory.CreateDirectory(generateOnly);
            foreach (var sample in SampleDataset.All)
            {
                var path = Generate(sample, generateOnly, rows);
                Console.WriteLine($"{path}: {rows:N0} rows, {new FileInfo(path).Length:N0} bytes");
            }
            return 0;
        }

        if (string.IsNullOrWhiteSpace(adminKey))
        {
            Console.Error.WriteLine("No admin key: pass --admin-key KEY or set OPENDATA_ADMIN_KEY.");
            return 2;
        }
        output ??= Path.Combine(Path.GetTempPath(), "opendata-samples");
        Directory.CreateDirectory(output);

        using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromHours(1) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        try
        {
            foreach (var sample in SampleDataset.All)
            {
                await CreateDepartmentAsync(http, sample);
                await CreateDatasetAsync(http, sample);
                var path = Generate(sample, output, rows);
                Console.WriteLine($"  generated {path} ({rows:N0} rows, {new FileInfo(path).Length:N0} bytes)");
                await UploadAsync(http, sample, path);
            }
            foreach (var sample in SampleDataset.All)
            {
                await DefinePipelineAsync(http, sample);
            }
        }
        catch (SeedException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"Cannot reach {url}: {e.Message}");
            return 1;
        }
        return 0;
    }

    /// <summary>Writes the sample's CSV into <paramref name="folder"/>, streaming, and returns its path.</summary>
    public static string Generate(SampleDataset sample, string folder, long rows)
    {
        var path = Path.Combine(folder, sample.FileName);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        sample.Write(file, rows);
        return path;
    }

    private static async Task CreateDepartmentAsync(HttpClient http, SampleDataset sample)
    {
        using var response = await http.PostAsJsonAsync("api/v1/departments", new
        {
            slug = sample.Department,
            name = sample.DepartmentName,
            contact = $"data@{sample.Department}.example.gov",
        });
        // The answer holds the department's publisher key, shown only once; the seeder works with the admin key.
        await ReportAsync(response, $"department {sample.Department}", HttpStatusCode.Created, HttpStatusCode.Conflict);
    }

    private static async Task CreateDatasetAsync(HttpClient http, SampleDataset sample)
    {
        using var response = await http.PostAsJsonAsync("api/v1/datasets", new
        {
            department = sample.Department,
            slug = sample.Slug,
            title = sample.Title,
            description = sample.Description,
            keywords = sample.Keywords,
            theme = sample.Theme,
            licence = sample.Licence,
            access = sample.Access,
            updateFrequency = sample.UpdateFrequency,
            personalColumns = sample.PersonalColumns,
            primaryKey = sample.PrimaryKey,
            sortColumns = sample.SortColumns,
            contract = sample.Schema.Select(column => new
            {
                name = column.Name,
                type = column.Type,
                nullable = column.Nullable,
                description = column.Description,
            }),
        });
        await ReportAsync(response, $"dataset {sample.Department}/{sample.Slug}", HttpStatusCode.Created, HttpStatusCode.Conflict);
    }

    private static async Task UploadAsync(HttpClient http, SampleDataset sample, string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = sample.FileName };
        var watch = Stopwatch.StartNew();
        using var response = await http.PutAsync($"api/v1/datasets/{sample.Department}/{sample.Slug}/data", content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new SeedException($"upload {sample.Department}/{sample.Slug}: {(int)response.StatusCode} {body}");
        }
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        string Get(string name) => root.TryGetProperty(name, out var value) ? value.ToString() : "?";
        var what = response.StatusCode == HttpStatusCode.Created ? "new version" : "unchanged, current version";
        Console.WriteLine(
            $"  upload {sample.Department}/{sample.Slug}: {(int)response.StatusCode} {what} {Get("version")}, " +
            $"rows {(root.TryGetProperty("rows", out var read) && read.ValueKind == JsonValueKind.Number ? read.ToString() : "-")}, version rows {Get("versionRows")}, {watch.ElapsedMilliseconds:N0} ms");
    }

    /// <summary>Defines the sample's aggregate pipeline; a new one is run at once and waited for (a few seconds).</summary>
    private static async Task DefinePipelineAsync(HttpClient http, SampleDataset sample)
    {
        var aggregate = sample.Aggregate;
        using var response = await http.PostAsJsonAsync("api/v1/pipelines", sample.AggregatePipeline(triggered: true));
        await ReportAsync(response, $"pipeline {aggregate.Name}", HttpStatusCode.Created, HttpStatusCode.Conflict);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            await RunAsync(http, aggregate.Name);
        }
    }

    private static async Task RunAsync(HttpClient http, string pipeline)
    {
        using var started = await http.PostAsync($"api/v1/pipelines/{pipeline}/runs", content: null);
        // 409: the input-change trigger started the first run already; wait for that one.
        if (started.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.Conflict))
        {
            throw new SeedException($"run {pipeline}: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
        }
        for (var deadline = DateTime.UtcNow.AddMinutes(10); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            var runs = await http.GetFromJsonAsync<JsonElement>($"api/v1/pipelines/{pipeline}/runs?limit=1");
            if (runs.GetArrayLength() == 0 || runs[0].GetProperty("status").GetString() == "running")
            {
                continue;
            }
            var run = runs[0];
            var status = run.GetProperty("status").GetString();
            if (status != "succeeded")
            {
                throw new SeedException($"  run {pipeline}: {status}: {run.GetProperty("error")}");
            }
            Console.WriteLine($"  run {pipeline}: succeeded, {run.GetProperty("rows")} rows, version {run.GetProperty("outputVersion")}");
            return;
        }
        throw new SeedException($"  run {pipeline}: still running after 10 minutes.");
    }

    private static async Task ReportAsync(HttpResponseMessage response, string what, params HttpStatusCode[] accepted)
    {
        if (!accepted.Contains(response.StatusCode))
        {
            throw new SeedException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Console.WriteLine(response.StatusCode == HttpStatusCode.Conflict
            ? $"{what}: 409, exists already"
            : $"{what}: {(int)response.StatusCode} created");
    }
}

public sealed class SeedException(string message) : Exception(message);
