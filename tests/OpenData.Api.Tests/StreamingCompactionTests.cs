using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Catalog;

namespace OpenData.Api.Tests;

/// <summary>Compactions asked for again and again while a stream appends: every record lands once, and the stream's
/// offsets go on from where the appends left them.</summary>
public sealed class StreamingCompactionTests : IClassFixture<KafkaClusterFixture>, IDisposable
{
    private const int Records = 6_000;
    private const int Chunk = 200;

    private readonly KafkaClusterFixture _kafka;
    private readonly OpenDataApiFactory _factory;

    public StreamingCompactionTests(KafkaClusterFixture kafka)
    {
        _kafka = kafka;
        // Only the requests compact here, not the schedule.
        _factory = new OpenDataApiFactory { Settings = new Dictionary<string, string>(kafka.HostSettings()) { ["Compaction:Schedule"] = "" } };
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Compacting_while_records_stream_in_loses_and_repeats_none()
    {
        var seed = new ApiSeed(_factory);
        var (department, key) = await seed.DepartmentAsync("traffic");
        var dataset = ApiSeed.Unique("tickets");
        await seed.DatasetAsync(key, new { department, slug = dataset, title = "Tickets from cameras", access = "public", personalColumns = new[] { "plate" } });
        using var client = _factory.CreateClient(key);
        var topic = _kafka.Topic();
        (await client.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic, flushIntervalMs = 100 })).EnsureSuccessStatusCode();

        using var producer = _kafka.Producer();
        void Produce(int from, int to)
        {
            for (var id = from; id < to; id++)
            {
                producer.Produce(topic, new Message<Null, string> { Value = $$"""{"ticket_id": {{id}}, "plate": "沪A{{id:D5}}", "fine": {{id % 9}}.5}""" });
            }
            producer.Flush(TimeSpan.FromSeconds(10));
        }
        // The first records make the first version (the consumer joins the group first); the rest come in chunks,
        // a few commits apart, while compactions are asked for.
        var catalog = _factory.Services.GetRequiredService<ICatalogStore>();
        Produce(0, Chunk);
        var clock = Stopwatch.StartNew();
        while ((await catalog.GetDatasetAsync(department, dataset))?.CurrentVersion is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }
        var producing = Task.Run(async () =>
        {
            for (var from = Chunk; from < Records; from += Chunk)
            {
                Produce(from, from + Chunk);
                await Task.Delay(100);
            }
        });
        var compactions = new List<HttpStatusCode>();
        while (!producing.IsCompleted)
        {
            var response = await client.PostAsync($"/api/v1/datasets/{department}/{dataset}/compact", null);
            compactions.Add(response.StatusCode);
            await Task.Delay(150);
        }
        await producing;

        clock.Restart();
        (long Rows, long Distinct) counts;
        while ((counts = await LakeRows.CountAsync(catalog, _factory.DataDirectory, department, dataset, "ticket_id")).Rows < Records
            && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }
        // One more compaction after the last append, then the rows once more.
        var last = await client.PostAsync($"/api/v1/datasets/{department}/{dataset}/compact", null);

        Assert.Equal(((long)Records, (long)Records), counts);
        Assert.Equal(((long)Records, (long)Records), await LakeRows.CountAsync(catalog, _factory.DataDirectory, department, dataset, "ticket_id"));
        Assert.Contains(HttpStatusCode.Created, compactions);
        Assert.All(compactions.Append(last.StatusCode), status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        // Streamed appends came after a compaction: it did not stop the stream or move its offsets.
        var versions = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/{dataset}/versions")).EnumerateArray()
            .Select(v => v.GetProperty("createdBy").GetString()!).Reverse().ToList();
        var firstCompaction = versions.FindIndex(author => author.StartsWith("compaction", StringComparison.Ordinal));
        Assert.Contains(versions.Skip(firstCompaction), author => author == "kafka:" + topic);
        var positions = await catalog.GetStreamPositionsAsync(department, dataset);
        Assert.Equal(Records, positions.Sum(p => p.NextOffset));

        using var anonymous = _factory.CreateClient();
        var sql = await anonymous.PostAsJsonAsync("/api/v1/sql", new { sql = $"SELECT count(*), count(DISTINCT ticket_id) FROM \"{department}\".\"{dataset}\"" });
        var row = (await sql.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0];
        Assert.Equal((Records, Records), (row[0].GetInt32(), row[1].GetInt32()));
    }
}
