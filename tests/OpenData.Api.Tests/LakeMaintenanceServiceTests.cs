using System.Diagnostics;
using System.Net;

namespace OpenData.Api.Tests;

public class LakeMaintenanceServiceTests
{
    [Fact]
    public async Task Host_removes_orphaned_files_on_its_schedule_and_keeps_committed_ones()
    {
        // The upload runs on a host without the fast schedule: a janitor with no grace period would race it.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "opendata-maintenance-" + Guid.NewGuid().ToString("N"));
        string department, publisherKey;
        using (var publishing = new OpenDataApiFactory { DataDirectory = dataDirectory, OwnsDataDirectory = false })
        {
            var seed = new ApiSeed(publishing);
            (department, publisherKey) = await seed.DepartmentAsync();
            await seed.DatasetAsync(publisherKey, new { department, slug = "kept", title = "Kept" });
            var response = await new UploadClient(publishing, publisherKey, department, "kept").PutTextAsync("id,name\n1,a\n2,b\n");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using var factory = new OpenDataApiFactory
        {
            DataDirectory = dataDirectory,
            Settings = new Dictionary<string, string>
            {
                ["Lake:MaintenanceInterval"] = "00:00:00.200",
                ["Lake:JanitorGracePeriod"] = "00:00:00",
            },
        };
        var upload = new UploadClient(factory, publisherKey, department, "kept");
        using var client = factory.CreateClient();
        var leftoverUpload = Write(factory.DataDirectory, "staging", "uploads", "crashed-upload.csv");
        var orphan = Write(factory.DataDirectory, "lake", "internal", department, "kept", "never-committed", "part-0.parquet");
        var expiredReport = Write(factory.DataDirectory, "rejects", department, "kept", "7.csv");
        var currentReport = Write(factory.DataDirectory, "rejects", department, "kept", "1.csv");
        var expiredDownload = Write(factory.DataDirectory, "downloads", "internal", department, "kept", "v7-0123456789abcdef.csv.gz");
        var currentDownload = Write(factory.DataDirectory, "downloads", "internal", department, "kept", "v1-0123456789abcdef.csv");

        var clock = Stopwatch.StartNew();
        while ((File.Exists(leftoverUpload) || File.Exists(orphan) || File.Exists(expiredReport) || File.Exists(expiredDownload))
            && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.False(File.Exists(leftoverUpload));
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(expiredReport));
        Assert.True(File.Exists(currentReport));
        Assert.False(File.Exists(expiredDownload));
        Assert.True(File.Exists(currentDownload));
        Assert.Equal(2L, Convert.ToInt64(await upload.QueryAsync(1, "SELECT count(*) FROM v")));
    }

    private static string Write(string root, params string[] parts)
    {
        var path = Path.Combine([root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "left behind");
        return path;
    }
}
