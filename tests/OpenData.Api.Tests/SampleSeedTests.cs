using System.Net.Http.Json;
using System.Text.Json;
using OpenData.Samples;

namespace OpenData.Api.Tests;

/// <summary>The sample seeder against the built host: departments, datasets, uploads, and the public aggregates their
/// pipelines publish, with lineage to the exact uploaded versions and no cell under the suppression threshold.</summary>
public sealed class SampleSeedTests : IDisposable
{
    private const string AdminKey = "sample-seed-admin-key-0123456789";
    private const int Threshold = 10;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "opendata-seed-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_seeded_platform_publishes_suppressed_public_aggregates_with_lineage_and_seeding_again_changes_nothing()
    {
        using var host = await ExternalHost.StartAsync(_data, AdminKey);
        string[] seed = ["--url", host.Address.ToString(), "--admin-key", AdminKey, "--out", Path.Combine(_data, "samples")];

        Assert.Equal(0, await SeedProgram.RunAsync(seed));

        using var anonymous = host.CreateClient(null);
        using var admin = host.CreateClient(AdminKey);
        foreach (var sample in SampleDataset.All)
        {
            var aggregate = sample.Aggregate;
            var path = $"/api/v1/datasets/{sample.Department}/{aggregate.Name}";
            var dataset = await anonymous.GetFromJsonAsync<JsonElement>(path);
            Assert.Equal("public", dataset.GetProperty("dataset").GetProperty("access").GetString());
            Assert.Equal(1, dataset.GetProperty("currentVersion").GetProperty("number").GetInt32());

            // The inputs are internal or restricted, so the public's lineage leaves them out: an admin's shows them.
            var edge = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"{path}/lineage")).GetProperty("edges").EnumerateArray());
            Assert.Equal($"{sample.Department}/{sample.Slug}", edge.GetProperty("from").GetString());
            Assert.Equal(1, edge.GetProperty("fromVersion").GetInt32());
            Assert.Equal(1, edge.GetProperty("toVersion").GetInt32());
            Assert.Equal(aggregate.Name, edge.GetProperty("pipeline").GetString());

            var cells = await RowsAsync(anonymous,
                $"SELECT {aggregate.CountColumn} AS people, suppressed FROM \"{sample.Department}\".\"{aggregate.Name}\"");
            Assert.Contains(cells, cell => !cell[1].GetBoolean());
            Assert.All(cells, cell =>
            {
                var hidden = cell[1].GetBoolean();
                Assert.Equal(hidden, cell[0].ValueKind == JsonValueKind.Null);
                Assert.True(hidden || cell[0].GetInt64() >= Threshold, cell.GetRawText());
            });
        }

        Assert.Equal(0, await SeedProgram.RunAsync(seed));
        foreach (var sample in SampleDataset.All)
        {
            var runs = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/pipelines/{sample.Aggregate.Name}/runs");
            Assert.Equal(1, runs.GetArrayLength());
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static async Task<List<JsonElement>> RowsAsync(HttpClient client, string sql)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sql", new { sql });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. answer.GetProperty("rows").EnumerateArray()];
    }
}
