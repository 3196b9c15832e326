namespace OpenData.Streaming;

/// <summary>Settings of Kafka streaming, section "Kafka" (environment: Kafka__BootstrapServers, …).</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>The brokers, as librdkafka's <c>bootstrap.servers</c> (<c>host:port,host:port</c>). Without it (and
    /// without <see cref="Embedded"/>) streaming is off.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Starts librdkafka's mock cluster in this process and streams from it: for trying the platform on one
    /// machine, never for production (it keeps about 5 MiB a partition, in memory, and forgets it on restart).</summary>
    public bool Embedded { get; set; }

    /// <summary>Partitions of the topics that binding a stream creates in the embedded cluster.</summary>
    public int EmbeddedPartitions { get; set; } = 4;

    /// <summary>The consumer group every instance of the platform joins, so that instances share the partitions.</summary>
    public string GroupId { get; set; } = "opendata";

    /// <summary>Further librdkafka settings passed through as they are, such as <c>security.protocol</c> or
    /// <c>session.timeout.ms</c> (<c>Kafka:Settings:session.timeout.ms</c>).</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>How often the consumer looks in the catalog for streams bound or changed since.</summary>
    public TimeSpan StreamsRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After a batch fails to commit, its partitions wait this long and are then read again from the
    /// catalog's offsets.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>DuckDB <c>memory_limit</c> of each of the two connections that parse and write the micro-batches (one
    /// batch is parsed while the one before it is written).</summary>
    public string BatchMemoryLimit { get; set; } = "1GB";
}
