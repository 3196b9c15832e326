namespace OpenData.Streaming;

/// <summary>One consumed Kafka record as a batch keeps it. <see cref="Problem"/> is set when it cannot even be
/// read as text (empty, not UTF-8); the parser adds the JSON and type checks.</summary>
public readonly record struct StreamMessage(int Partition, long Offset, DateTimeOffset Timestamp, string? Payload, string? Problem);
