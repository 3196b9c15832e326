using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>What /health says of streaming: off without Kafka:BootstrapServers, on with the embedded cluster.</summary>
public sealed class StreamingSetupTests
{
    [Fact]
    public async Task Health_says_streaming_is_off_without_bootstrap_servers()
    {
        using var factory = new OpenDataApiFactory();
        using var client = factory.CreateClient();

        var kafka = (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("kafka");

        Assert.Equal("off", kafka.GetProperty("status").GetString());
        Assert.Contains("Kafka:BootstrapServers", kafka.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Embedded_starts_a_mock_cluster_and_reports_its_address_in_health_and_the_log()
    {
        using var factory = new OpenDataApiFactory { Settings = new Dictionary<string, string> { ["Kafka:Embedded"] = "true" } };
        using var client = factory.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        var kafka = health.GetProperty("kafka");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("on", kafka.GetProperty("status").GetString());
        Assert.True(kafka.GetProperty("embedded").GetBoolean());
        Assert.StartsWith("2.", kafka.GetProperty("librdkafkaVersion").GetString());
        var bootstrap = kafka.GetProperty("bootstrapServers").GetString()!;
        Assert.StartsWith("127.0.0.1:", bootstrap);
        Assert.Contains(factory.Logs, line => line.Contains(bootstrap) && line.Contains("not for production"));
    }
}
