using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Catalog;

namespace OpenData.Api.Tests;

/// <summary>Versions are committed straight into the real catalog here, to control their statistics; DatasetDataApiTests uploads over HTTP.</summary>
public class VersionsApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private readonly ApiSeed _seed = new(factory);

    [Fact]
    public async Task GetDataset_shows_current_version_schema_and_statistics_hiding_personal_ones_from_others()
    {
        var (department, key) = await SeedAsync();
        using var owner = factory.CreateClient(key);
        using var anonymous = factory.CreateClient();

        var own = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets");
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets");

        Assert.Equal(2, own.GetProperty("currentVersion").GetProperty("number").GetInt32());
        Assert.Equal(["plate", "fine"], Columns(own.GetProperty("schema"), "name"));
        Assert.Equal(["plate", "fine"], Columns(own.GetProperty("statistics"), "column"));
        Assert.False(own.GetProperty("personalStatisticsHidden").GetBoolean());
        Assert.Equal(["fine"], Columns(shown.GetProperty("statistics"), "column"));
        Assert.True(shown.GetProperty("personalStatisticsHidden").GetBoolean());
        // The public reads the public tier, which has no personal column: its schema is the one shown.
        Assert.Equal(["fine"], Columns(shown.GetProperty("schema"), "name"));
    }

    [Fact]
    public async Task ListVersions_answers_newest_first()
    {
        var (department, _) = await SeedAsync();
        using var client = factory.CreateClient();

        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions");

        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal("replace", versions[0].GetProperty("mode").GetString());
    }

    [Fact]
    public async Task GetVersion_answers_files_schema_and_statistics_for_the_owner_and_admin_only_with_personal_ones()
    {
        var (department, key) = await SeedAsync();
        using var owner = factory.CreateClient(key);
        using var admin = factory.CreateAdminClient();
        using var analyst = factory.CreateClient(await _seed.KeyAsync("analyst"));

        var own = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions/1");
        var adminView = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions/1");
        var analystView = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions/1");

        Assert.Equal(1, own.GetProperty("number").GetInt32());
        Assert.Equal(2, own.GetProperty("files").GetArrayLength());
        Assert.Equal(["plate", "fine"], Columns(own.GetProperty("statistics"), "column"));
        Assert.Equal(["plate", "fine"], Columns(adminView.GetProperty("statistics"), "column"));
        Assert.Equal(["fine"], Columns(analystView.GetProperty("statistics"), "column"));
        Assert.Equal(["plate", "fine"], Columns(analystView.GetProperty("schema"), "name"));
    }

    [Fact]
    public async Task GetVersion_shows_the_public_schema_and_only_public_files_to_the_public()
    {
        var (department, _) = await SeedAsync();
        using var anonymous = factory.CreateClient();

        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions/2");

        Assert.Equal(["fine"], Columns(shown.GetProperty("schema"), "name"));
        Assert.Equal(["fine"], Columns(shown.GetProperty("statistics"), "column"));
        Assert.Equal([$"public/{department}/tickets/v2/part-0.parquet"], Columns(shown.GetProperty("files"), "path"));
    }

    [Fact]
    public async Task Versions_answer_404_problems_for_unknown_numbers_and_datasets_the_caller_may_not_see()
    {
        var (department, key) = await SeedAsync();
        using var owner = factory.CreateClient(key);
        using var anonymous = factory.CreateClient();
        await _seed.DatasetAsync(key, new { department, slug = "hidden", title = "Hidden", access = "internal" });

        var unknown = await owner.GetAsync($"/api/v1/datasets/{department}/tickets/versions/9");
        var hiddenList = await anonymous.GetAsync($"/api/v1/datasets/{department}/hidden/versions");
        var hiddenOne = await anonymous.GetAsync($"/api/v1/datasets/{department}/hidden/versions/1");

        Assert.Contains("version 9", await ProblemAssert.Detail(unknown, HttpStatusCode.NotFound));
        await ProblemAssert.IsProblem(hiddenList, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(hiddenOne, HttpStatusCode.NotFound);
    }

    /// <summary>A public dataset with a personal column and two versions.</summary>
    private async Task<(string Department, string Key)> SeedAsync()
    {
        var (department, key) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(key, new { department, slug = "tickets", title = "Tickets", access = "public", personalColumns = new[] { "plate" } });
        var catalog = factory.Services.GetRequiredService<ICatalogStore>();
        for (var expected = (int?)null; expected is null or < 2; expected = (expected ?? 0) + 1)
        {
            await catalog.CommitVersionAsync(new VersionCommit
            {
                Department = department,
                Dataset = "tickets",
                CreatedBy = "test",
                Mode = CommitMode.Replace,
                RowCount = 2,
                Bytes = 100,
                Files =
                [
                    new VersionFile($"internal/{department}/tickets/v{(expected ?? 0) + 1}/part-0.parquet", 100, new string('a', 64)),
                    new VersionFile($"public/{department}/tickets/v{(expected ?? 0) + 1}/part-0.parquet", 80, new string('b', 64)),
                ],
                Schema = [new SchemaColumn("plate", "VARCHAR"), new SchemaColumn("fine", "DECIMAL(10,2)")],
                Statistics = [new ColumnStatistics("plate", 0, "AB-123", "ZX-999", 2), new ColumnStatistics("fine", 0, "20.00", "80.00", 2)],
            }, expected);
        }
        return (department, key);
    }

    private static string[] Columns(JsonElement array, string property) =>
        array.EnumerateArray().Select(item => item.GetProperty(property).GetString()!).ToArray();
}
