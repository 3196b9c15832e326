namespace OpenData.Streaming.Kafka;

/// <summary>Kafka protocol request types (ApiKey), for injecting errors into the mock cluster.</summary>
public enum KafkaRequest : short
{
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    SyncGroup = 14,
}
