using Microsoft.Extensions.Logging;
using OpenData.Streaming.Kafka;

namespace OpenData.Streaming;

/// <summary>
/// Decides once, at start, whether streaming runs and against which brokers: off without
/// <c>Kafka:BootstrapServers</c>, unavailable (never a crash) without librdkafka, and with
/// <c>Kafka:Embedded</c> an in-process mock cluster whose address is logged and reported.
/// </summary>
public sealed class StreamingSetup : IDisposable
{
    public const string Off = "off";
    public const string On = "on";
    public const string Unavailable = "unavailable";

    private readonly KafkaOptions _options;

    public StreamingSetup(KafkaOptions options, ILogger<StreamingSetup> logger)
    {
        _options = options;
        if (!options.Embedded && string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            (State, Detail) = (Off, "Kafka:BootstrapServers is not set: streaming is off (Kafka:Embedded=true starts a broker in process, for trying it out).");
            logger.LogInformation("{Detail}", Detail);
            return;
        }
        if (!KafkaNativeLibrary.IsAvailable)
        {
            (State, Detail) = (Unavailable, "Streaming is off: " + KafkaNativeLibrary.Error);
            logger.LogError("{Detail}", Detail);
            return;
        }
        if (options.Embedded)
        {
            EmbeddedCluster = MockCluster.Start();
            BootstrapServers = EmbeddedCluster.BootstrapServers;
            logger.LogWarning(
                "Kafka:Embedded is on: librdkafka's mock cluster runs in this process at {BootstrapServers}. " +
                "It keeps little and forgets everything on restart: not for production.", BootstrapServers);
        }
        else
        {
            BootstrapServers = options.BootstrapServers;
        }
        (State, Detail) = (On, $"Consuming from {BootstrapServers} in group '{options.GroupId}'.");
    }

    /// <summary><see cref="Off"/>, <see cref="On"/> or <see cref="Unavailable"/>.</summary>
    public string State { get; }

    public string Detail { get; }

    public string? BootstrapServers { get; }

    public MockCluster? EmbeddedCluster { get; }

    public string? LibraryVersion => KafkaNativeLibrary.IsAvailable ? KafkaNativeLibrary.Version : null;

    /// <summary>With the embedded cluster, creates a bound stream's topic so that producers find it.</summary>
    public void EnsureTopic(string topic) => EmbeddedCluster?.CreateTopic(topic, _options.EmbeddedPartitions);

    public void Dispose() => EmbeddedCluster?.Dispose();
}
