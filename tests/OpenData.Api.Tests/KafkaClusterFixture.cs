using Confluent.Kafka;
using OpenData.Streaming.Kafka;

namespace OpenData.Api.Tests;

/// <summary>A librdkafka mock cluster for a test class (CI installs librdkafka1: a missing one fails here, saying so).</summary>
public sealed class KafkaClusterFixture : IDisposable
{
    public KafkaClusterFixture()
    {
        Assert.True(KafkaNativeLibrary.IsAvailable, KafkaNativeLibrary.Error);
        Cluster = MockCluster.Start();
    }

    public MockCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Host settings for streaming from this cluster, quick to notice new streams and dead members.</summary>
    public IReadOnlyDictionary<string, string> HostSettings(string separator = ":") => new Dictionary<string, string>
    {
        [$"Kafka{separator}BootstrapServers"] = BootstrapServers,
        [$"Kafka{separator}StreamsRefreshInterval"] = "00:00:00.200",
        [$"Kafka{separator}RetryDelay"] = "00:00:00.500",
        [$"Kafka{separator}Settings{separator}session.timeout.ms"] = "6000",
        [$"Kafka{separator}Settings{separator}heartbeat.interval.ms"] = "500",
    };

    public string Topic(int partitions = 4)
    {
        var topic = "topic-" + Guid.NewGuid().ToString("N")[..8];
        Cluster.CreateTopic(topic, partitions);
        return topic;
    }

    public IProducer<Null, string> Producer() =>
        new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 5 }).Build();

    public void Dispose() => Cluster.Dispose();
}
