using OpenData.Streaming.Kafka;

namespace OpenData.Streaming.Tests;

/// <summary>
/// One librdkafka mock cluster per test class: real Kafka protocol on 127.0.0.1. CI installs librdkafka1
/// (.ci/run), so a missing library fails here with the install hint rather than skipping.
/// </summary>
public sealed class MockClusterFixture : IDisposable
{
    public MockClusterFixture()
    {
        Assert.True(KafkaNativeLibrary.IsAvailable, KafkaNativeLibrary.Error);
        Cluster = MockCluster.Start();
    }

    public MockCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>A new topic with a unique name.</summary>
    public string Topic(int partitions = 4)
    {
        var topic = "topic-" + Guid.NewGuid().ToString("N")[..8];
        Cluster.CreateTopic(topic, partitions);
        return topic;
    }

    public void Dispose() => Cluster.Dispose();
}
