using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Catalog;

namespace OpenData.Api.Tests;

/// <summary>The host in process, streaming from a mock cluster: binding, listing, health, metrics, and records into the lake.</summary>
public sealed class StreamsApiTests : IClassFixture<KafkaClusterFixture>, IDisposable
{
    private readonly KafkaClusterFixture _kafka;
    private readonly OpenDataApiFactory _factory;
    private readonly ApiSeed _seed;

    public StreamsApiTests(KafkaClusterFixture kafka)
    {
        _kafka = kafka;
        _factory = new OpenDataApiFactory { Settings = kafka.HostSettings() };
        _seed = new ApiSeed(_factory);
    }

    public void Dispose() => _factory.Dispose();

    private async Task<(string Department, string Key, string Dataset)> DatasetAsync(string access = "internal")
    {
        var (department, key) = await _seed.DepartmentAsync("traffic");
        var dataset = ApiSeed.Unique("tickets");
        await _seed.DatasetAsync(key, new { department, slug = dataset, title = "Tickets from cameras", access });
        return (department, key, dataset);
    }

    [Fact]
    public async Task PutStream_binds_a_dataset_and_creates_its_restricted_rejects_dataset()
    {
        var (department, key, dataset) = await DatasetAsync();
        using var client = _factory.CreateClient(key);
        var topic = _kafka.Topic();

        var created = await client.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic, flushIntervalMs = 500 });
        var again = await client.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic, flushSize = 10 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(topic, body.GetProperty("topic").GetString());
        Assert.Equal("json", body.GetProperty("format").GetString());
        Assert.Equal(2000, body.GetProperty("flushIntervalMs").GetInt32());
        Assert.Equal(10, body.GetProperty("flushSize").GetInt32());
        Assert.Equal(dataset + "-rejects", body.GetProperty("rejectsDataset").GetString());
        var rejects = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/{dataset}-rejects");
        Assert.Equal("restricted", rejects.GetProperty("dataset").GetProperty("access").GetString());
    }

    [Fact]
    public async Task PutStream_refuses_other_departments_missing_topics_and_unknown_datasets()
    {
        var (department, key, dataset) = await DatasetAsync();
        var (_, otherKey) = await _seed.DepartmentAsync("other");
        using var client = _factory.CreateClient(key);
        using var other = _factory.CreateClient(otherKey);
        using var anonymous = _factory.CreateClient();

        var forbidden = await other.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic = "t" });
        var noTopic = await client.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { format = "json" });
        var badFormat = await client.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic = "t", format = "avro" });
        var unknown = await client.PutAsJsonAsync($"/api/v1/datasets/{department}/no-such/stream", new { topic = "t" });
        var noKey = await anonymous.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic = "t" });

        await ProblemAssert.IsProblem(forbidden, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(noTopic, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(badFormat, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(unknown, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task Records_of_a_bound_topic_fill_the_dataset_and_show_in_streams_metrics_and_health()
    {
        var (department, key, dataset) = await DatasetAsync();
        using var client = _factory.CreateClient(key);
        var topic = _kafka.Topic();
        (await client.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic, flushIntervalMs = 200 })).EnsureSuccessStatusCode();
        using var producer = _kafka.Producer();

        for (var id = 0; id < 400; id++)
        {
            producer.Produce(topic, new Message<Null, string> { Value = $$"""{"ticket_id": {{id}}, "fine": {{id % 50}}.5}""" });
        }
        producer.Produce(topic, new Message<Null, string> { Value = "not json" });
        producer.Flush(TimeSpan.FromSeconds(10));

        var catalog = _factory.Services.GetRequiredService<ICatalogStore>();
        var clock = Stopwatch.StartNew();
        (long Rows, long Distinct) counts;
        while ((counts = await LakeRows.CountAsync(catalog, _factory.DataDirectory, department, dataset, "ticket_id")).Rows < 400
            && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
        Assert.Equal((400L, 400L), counts);

        var streams = await WaitForAsync(async () =>
        {
            var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/streams");
            var mine = all.EnumerateArray().Single(s => s.GetProperty("dataset").GetString() == dataset);
            return mine.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("records").GetInt64() + p.GetProperty("rejects").GetInt64()) == 401 ? mine : (JsonElement?)null;
        });
        Assert.Equal("running", streams.GetProperty("state").GetString());
        var partitions = streams.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(4, partitions.Count);
        Assert.All(partitions, p => Assert.True(p.GetProperty("assignedHere").GetBoolean()));
        Assert.Equal(1, partitions.Sum(p => p.GetProperty("rejects").GetInt64()));
        // The producer's sticky partitioner may leave a partition empty: it has no offset or freshness yet (null).
        Assert.True(partitions.Sum(p => OrZero(p.GetProperty("committedOffset"))) >= 400);
        Assert.All(partitions.Where(p => p.GetProperty("records").GetInt64() > 0),
            p => Assert.True(p.GetProperty("freshnessMs").GetDouble() >= 0));

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains($"opendata_stream_records_total{{department=\"{department}\",dataset=\"{dataset}\",topic=\"{topic}\",partition=\"0\"}}", metrics);
        Assert.Contains("# TYPE opendata_stream_lag gauge", metrics);

        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("on", health.GetProperty("kafka").GetProperty("status").GetString());
        Assert.Equal(_kafka.BootstrapServers, health.GetProperty("kafka").GetProperty("bootstrapServers").GetString());
    }

    [Fact]
    public async Task ListStreams_shows_only_streams_of_datasets_the_caller_may_see()
    {
        var (department, key, dataset) = await DatasetAsync(access: "internal");
        using var client = _factory.CreateClient(key);
        using var anonymous = _factory.CreateClient();
        (await client.PutAsJsonAsync($"/api/v1/datasets/{department}/{dataset}/stream", new { topic = _kafka.Topic() })).EnsureSuccessStatusCode();

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/streams");
        var theirs = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/streams");

        Assert.Contains(mine.EnumerateArray(), s => s.GetProperty("dataset").GetString() == dataset);
        Assert.DoesNotContain(theirs.EnumerateArray(), s => s.GetProperty("dataset").GetString() == dataset);
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement?>> probe)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The streams never showed every record.");
        return default;
    }

    private static long OrZero(JsonElement number) => number.ValueKind == JsonValueKind.Null ? 0 : number.GetInt64();
}
