using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>POST …/compact and the scheduled compaction, through the host.</summary>
public sealed class CompactionApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private readonly ApiSeed _seed = new(factory);

    /// <summary>A public dataset (plate personal) filled by <paramref name="appends"/> appended uploads of 50 tickets each.</summary>
    internal static async Task<(string Department, string Key, string Dataset)> AppendedAsync(OpenDataApiFactory factory, int appends)
    {
        var seed = new ApiSeed(factory);
        var (department, key) = await seed.DepartmentAsync("traffic");
        var dataset = ApiSeed.Unique("tickets");
        await seed.DatasetAsync(key, new { department, slug = dataset, title = "Tickets", access = "public", personalColumns = new[] { "plate" }, sortColumns = new[] { "ticket_id" } });
        var upload = new UploadClient(factory, key, department, dataset);
        for (var append = 0; append < appends; append++)
        {
            var csv = new StringBuilder("ticket_id,plate,fine\n");
            for (var id = append * 50; id < (append + 1) * 50; id++)
            {
                csv.Append($"{id},沪A{id:D5},{id % 7}0.50\n");
            }
            (await upload.PutTextAsync(csv.ToString(), query: "?mode=append")).EnsureSuccessStatusCode();
        }
        return (department, key, dataset);
    }

    private async Task<JsonElement> SqlAsync(HttpClient client, string sql)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sql", new { sql });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
    }

    [Fact]
    public async Task Compact_rewrites_the_appended_files_as_one_new_version_with_the_same_rows_in_both_tiers()
    {
        var (department, key, dataset) = await AppendedAsync(factory, appends: 6);
        using var publisher = factory.CreateClient(key);
        using var anonymous = factory.CreateClient();
        var count = $"SELECT count(*), count(DISTINCT ticket_id), sum(ticket_id), sum(fine) FROM \"{department}\".\"{dataset}\"";
        var internalBefore = (await SqlAsync(publisher, count)).ToString();
        var publicBefore = (await SqlAsync(anonymous, count)).ToString();

        var response = await publisher.PostAsync($"/api/v1/datasets/{department}/{dataset}/compact", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/datasets/{department}/{dataset}/versions/7", response.Headers.Location?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("compacted", body.GetProperty("outcome").GetString());
        Assert.Equal((7, 6, 1, 300L), (body.GetProperty("version").GetInt32(), body.GetProperty("filesBefore").GetInt32(),
            body.GetProperty("filesAfter").GetInt32(), body.GetProperty("rows").GetInt64()));
        var version = await publisher.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/{dataset}/versions/7");
        Assert.Equal("replace", version.GetProperty("mode").GetString());
        Assert.StartsWith("compaction by ", version.GetProperty("createdBy").GetString());
        var paths = version.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        Assert.Equal((1, 1), (paths.Count(p => p.StartsWith("internal/")), paths.Count(p => p.StartsWith("public/"))));
        Assert.Equal(internalBefore, (await SqlAsync(publisher, count)).ToString());
        Assert.Equal(publicBefore, (await SqlAsync(anonymous, count)).ToString());
        var publicColumns = await SqlAsync(anonymous, $"SELECT column_name FROM (DESCRIBE \"{department}\".\"{dataset}\")");
        Assert.DoesNotContain("plate", publicColumns.EnumerateArray().Select(r => r[0].GetString()));

        // Nothing left to gain: 200, and no new version.
        var again = await publisher.PostAsync($"/api/v1/datasets/{department}/{dataset}/compact", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("notNeeded", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Compact_is_for_the_departments_publisher_or_an_admin()
    {
        var (department, _, dataset) = await AppendedAsync(factory, appends: 2);
        var (_, otherKey) = await _seed.DepartmentAsync("other");
        var analystKey = await _seed.KeyAsync("analyst");
        using var other = factory.CreateClient(otherKey);
        using var analyst = factory.CreateClient(analystKey);
        using var anonymous = factory.CreateClient();
        using var admin = factory.CreateAdminClient();
        var path = $"/api/v1/datasets/{department}/{dataset}/compact";

        await ProblemAssert.IsProblem(await other.PostAsync(path, null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, null)).StatusCode);
        await ProblemAssert.IsProblem(await admin.PostAsync($"/api/v1/datasets/{department}/no-such/compact", null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(path, null)).StatusCode);
    }

    [Fact]
    public async Task The_schedule_compacts_datasets_with_at_least_MinFiles_files()
    {
        using var scheduled = new OpenDataApiFactory
        {
            Settings = new Dictionary<string, string> { ["Compaction:Schedule"] = "* * * * * ?", ["Compaction:MinFiles"] = "3" },
        };
        var (department, _, dataset) = await AppendedAsync(scheduled, appends: 3);
        var (fewDepartment, _, few) = await AppendedAsync(scheduled, appends: 2);
        using var client = scheduled.CreateAdminClient();

        async Task<int> NewestAsync(string department, string dataset) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/{dataset}/versions"))[0].GetProperty("number").GetInt32();
        var clock = Stopwatch.StartNew();
        while (await NewestAsync(department, dataset) < 4 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        var compacted = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/{dataset}/versions/4");
        Assert.Equal("compaction", compacted.GetProperty("createdBy").GetString());
        Assert.Equal(150, compacted.GetProperty("rowCount").GetInt64());
        Assert.Equal(2, await NewestAsync(fewDepartment, few));
    }
}
