using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;
using Xunit.Abstractions;

namespace OpenData.Api.Tests;

/// <summary>
/// Kills the host process in the middle of a large upload, at several moments, restarts it on the same data
/// folder and finds the previous version intact or the new one whole: nothing partial visible, ever.
/// </summary>
public sealed class ServerKillTests(ITestOutputHelper output)
{
    private const string AdminKey = "kill-test-admin-key-0123456789";
    private const long LargeRows = 800_000;
    private const string SmallCsv = "id,district,fine\n-1,district-a,100.50\n-2,district-b,200.50\n-3,district-c,300.50\n";

    /// <summary>
    /// When to kill: on half of the body sent, or this fraction of the import-and-commit time (measured first, by
    /// one upload left to finish) after the whole body was sent.
    /// </summary>
    private static readonly (string Name, double? OfCommitTime)[] KillPoints =
    [
        ("while the body streams", null),
        ("as the body ends", 0),
        ("half way through the import", 0.5),
        ("at 90% of the commit time", 0.9),
        ("at 98% of the commit time", 0.98),
    ];

    [Fact]
    public async Task A_killed_upload_leaves_the_previous_version_or_the_whole_new_one()
    {
        var data = Path.Combine(Path.GetTempPath(), "opendata-kill-" + Guid.NewGuid().ToString("N"));
        var host = await ExternalHost.StartAsync(data, AdminKey);
        try
        {
            var (department, key) = await DepartmentAsync(host);
            var commitTime = await CommitTimeAsync(host, data, department, key);
            output.WriteLine($"a whole upload: {commitTime.TotalMilliseconds:F0} ms from the body's end to 201");
            for (var point = 0; point < KillPoints.Length; point++)
            {
                var mode = point % 2 == 0 ? "replace" : "append";
                var dataset = await DatasetWithVersionOneAsync(host, department, key, point);
                var answered = await UploadAndKillAsync(host, $"/api/v1/datasets/{department}/{dataset}/data?mode={mode}", key,
                    KillPoints[point].OfCommitTime is { } fraction ? commitTime * fraction : null);

                host.Dispose();
                var clock = Stopwatch.StartNew();
                host = await ExternalHost.StartAsync(data, AdminKey);
                var version = await CheckDatasetAsync(host, data, department, dataset, key, mode);
                output.WriteLine($"kill {KillPoints[point].Name} ({mode}): answered {answered?.ToString() ?? "nothing"}, " +
                    $"restart {clock.ElapsedMilliseconds} ms, current version {version}");
                Assert.True(answered != HttpStatusCode.Created || version == 2, "A 201 was answered, yet version 2 is gone.");
            }
        }
        finally
        {
            host.Dispose();
        }
        try
        {
            await CheckLakeAndRunJanitorAsync(data);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Uploads the large file to a new dataset to the end; returns how long import and commit took after the body.</summary>
    private static async Task<TimeSpan> CommitTimeAsync(ExternalHost host, string data, string department, string key)
    {
        var dataset = await DatasetWithVersionOneAsync(host, department, key, -1);
        using var client = host.CreateClient(key);
        var content = new GeneratedCsvContent(LargeRows);
        var upload = client.PutAsync($"/api/v1/datasets/{department}/{dataset}/data", content);
        await content.FullySent.Task;
        var clock = Stopwatch.StartNew();
        using var response = await upload;
        var elapsed = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, await CheckDatasetAsync(host, data, department, dataset, key, "replace"));
        return elapsed;
    }

    /// <summary>Starts the large upload, kills the host on half the body or <paramref name="afterBody"/> after it, and returns the answer if one came first.</summary>
    private static async Task<HttpStatusCode?> UploadAndKillAsync(ExternalHost host, string path, string key, TimeSpan? afterBody)
    {
        using var client = host.CreateClient(key);
        var content = new GeneratedCsvContent(LargeRows);
        var upload = client.PutAsync(path, content);
        var trigger = afterBody is { } delay
            ? content.FullySent.Task.ContinueWith(_ => Task.Delay(delay)).Unwrap()
            : content.HalfSent.Task;
        await Task.WhenAny(trigger, upload);
        if (afterBody is null)
        {
            Assert.False(upload.IsCompleted, "The upload ended before half of its body was sent.");
        }
        host.Kill();
        try
        {
            using var response = await upload;
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Asserts versions 1 or 1..2, and that the current one holds exactly one whole upload's rows; returns it.</summary>
    private static async Task<int> CheckDatasetAsync(ExternalHost host, string data, string department, string dataset, string key, string mode)
    {
        using var client = host.CreateClient(key);
        var path = $"/api/v1/datasets/{department}/{dataset}";
        var current = (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("dataset").GetProperty("currentVersion").GetInt32();
        var versions = (await client.GetFromJsonAsync<JsonElement>(path + "/versions")).EnumerateArray()
            .Select(v => v.GetProperty("number").GetInt32()).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, current), versions);
        Assert.Contains(current, new[] { 1, 2 });

        var (rows, idSum) = await RowsAsync(client, data, path, current);
        var (expectedRows, expectedSum) = current == 1
            ? (3L, -6L)
            : mode == "replace" ? (LargeRows, GeneratedCsvContent.IdSum(LargeRows)) : (LargeRows + 3, GeneratedCsvContent.IdSum(LargeRows) - 6);
        Assert.Equal((expectedRows, expectedSum), (rows, idSum));
        return current;
    }

    private static async Task<(long Rows, long IdSum)> RowsAsync(HttpClient client, string data, string path, int number)
    {
        var version = await client.GetFromJsonAsync<JsonElement>($"{path}/versions/{number}");
        var files = version.GetProperty("files").EnumerateArray()
            .Select(f => f.GetProperty("path").GetString()!)
            .Where(p => p.StartsWith("internal/", StringComparison.Ordinal))
            .Select(p => $"'{Path.Combine(data, "lake", p)}'")
            .ToList();
        Assert.NotEmpty(files);
        using var connection = new DuckDBConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), CAST(sum(id) AS BIGINT) FROM read_parquet([{string.Join(",", files)}])";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var rows = reader.GetInt64(0);
        Assert.Equal(version.GetProperty("rowCount").GetInt64(), rows);
        return (rows, reader.GetInt64(1));
    }

    /// <summary>With the host stopped: every referenced file exists; the janitor then leaves only those, and no staging file.</summary>
    private async Task CheckLakeAndRunJanitorAsync(string data)
    {
        using var catalog = await SqliteCatalogStore.OpenAsync(data);
        var layout = new LakeLayout(data);
        var referenced = await catalog.ListReferencedFilePathsAsync();
        Assert.All(referenced, file => Assert.True(File.Exists(layout.ToFullPath(file)), $"A kept version references the missing file {file}."));
        var orphans = LakeFiles(layout).Except(referenced).Count();
        var staged = Directory.Exists(layout.StagingFolder) ? Directory.EnumerateFiles(layout.StagingFolder, "*", SearchOption.AllDirectories).Count() : 0;

        var cleanup = await new LakeJanitor(catalog, new LakeOptions { DataDirectory = data, JanitorGracePeriod = TimeSpan.Zero }).RunAsync();
        output.WriteLine($"before the janitor: {orphans} unreferenced lake files, {staged} staging files; it removed {cleanup.FilesDeleted}");
        Assert.Equal(referenced.Order(), LakeFiles(layout).Order());
        Assert.Empty(Directory.Exists(layout.StagingFolder) ? Directory.EnumerateFiles(layout.StagingFolder, "*", SearchOption.AllDirectories) : []);
    }

    private static IEnumerable<string> LakeFiles(LakeLayout layout) =>
        Directory.Exists(layout.LakeFolder)
            ? Directory.EnumerateFiles(layout.LakeFolder, "*", SearchOption.AllDirectories).Select(layout.ToRelativePath)
            : [];

    private static async Task<(string Slug, string Key)> DepartmentAsync(ExternalHost host)
    {
        using var admin = host.CreateClient(AdminKey);
        var slug = ApiSeed.Unique("kill");
        var response = await admin.PostAsJsonAsync("/api/v1/departments", new { slug, name = "Department " + slug, contact = "data@example.gov" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (slug, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publisherKey").GetString()!);
    }

    private static async Task<string> DatasetWithVersionOneAsync(ExternalHost host, string department, string key, int point)
    {
        using var client = host.CreateClient(key);
        var slug = $"tickets-{point}";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/datasets", new { department, slug, title = "Tickets " + point })).StatusCode);
        var upload = await client.PutAsync($"/api/v1/datasets/{department}/{slug}/data", UploadClient.Text(SmallCsv, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return slug;
    }
}
