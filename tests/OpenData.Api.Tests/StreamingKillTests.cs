using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using OpenData.Catalog;
using Xunit.Abstractions;

namespace OpenData.Api.Tests;

/// <summary>
/// Kills the consuming host process at random moments while a producer streams records, restarts it on the same
/// data folder each time, and finds every record in the lake exactly once.
/// </summary>
public sealed class StreamingKillTests(KafkaClusterFixture kafka, ITestOutputHelper output) : IClassFixture<KafkaClusterFixture>
{
    private const string AdminKey = "stream-kill-admin-key-0123456789";

    [Fact]
    public Task A_killed_and_restarted_host_loses_and_repeats_no_record() => KillAndCountAsync(kills: 3, records: 6_000);

    [StressFact]
    [Trait("Category", "Stress")]
    public Task Twenty_kills_lose_and_repeat_no_record() => KillAndCountAsync(kills: 20, records: 40_000);

    private async Task KillAndCountAsync(int kills, int records)
    {
        var data = Path.Combine(Path.GetTempPath(), "opendata-stream-kill-" + Guid.NewGuid().ToString("N"));
        var settings = kafka.HostSettings("__");
        var host = await ExternalHost.StartAsync(data, AdminKey, settings);
        var topic = kafka.Topic();
        var random = new Random(kills);
        try
        {
            var (department, dataset) = await BindAsync(host, topic);
            using var producer = kafka.Producer();
            // About as long as the kills take: records keep coming while the host dies and comes back.
            var producing = ProduceAsync(producer, topic, records, TimeSpan.FromSeconds(kills * 2.5));
            for (var kill = 0; kill < kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 2_500)));
                host.Dispose();
                var clock = Stopwatch.StartNew();
                host = await ExternalHost.StartAsync(data, AdminKey, settings);
                output.WriteLine($"kill {kill + 1}: restarted in {clock.ElapsedMilliseconds} ms");
            }
            await producing;

            using var catalog = await SqliteCatalogStore.OpenAsync(data);
            var waited = Stopwatch.StartNew();
            (long Rows, long Distinct) counts;
            while ((counts = await LakeRows.CountAsync(catalog, data, department, dataset, "id")).Rows < records
                && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
            output.WriteLine($"{counts.Rows} rows, {counts.Distinct} distinct, {waited.ElapsedMilliseconds} ms after the last record was sent");
            Assert.Equal((records, records), counts);
            var positions = await catalog.GetStreamPositionsAsync(department, dataset);
            Assert.Equal(records, positions.Sum(p => p.NextOffset));
        }
        finally
        {
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(string Department, string Dataset)> BindAsync(ExternalHost host, string topic)
    {
        using var admin = host.CreateClient(AdminKey);
        var department = "kill" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("/api/v1/departments", new { slug = department, name = "Kill tests", contact = "k@example.gov" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/datasets", new { department, slug = "readings", title = "Meter readings" })).EnsureSuccessStatusCode();
        var bound = await admin.PutAsJsonAsync($"/api/v1/datasets/{department}/readings/stream", new { topic, flushIntervalMs = 200 });
        Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        return (department, "readings");
    }

    private static async Task ProduceAsync(IProducer<Null, string> producer, string topic, int records, TimeSpan over)
    {
        var clock = Stopwatch.StartNew();
        const int Chunk = 100;
        for (var id = 0; id < records; id += Chunk)
        {
            await Task.WhenAll(Enumerable.Range(id, Math.Min(Chunk, records - id)).Select(i =>
                producer.ProduceAsync(topic, new Message<Null, string> { Value = $$"""{"id": {{i}}, "meter": "m-{{i % 97}}", "kwh": {{i % 1000}}.25}""" })));
            var due = over * ((double)(id + Chunk) / records);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
        }
    }
}
