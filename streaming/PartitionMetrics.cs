namespace OpenData.Streaming;

/// <summary>One partition of a stream as this instance sees it, for <c>GET /api/v1/streams</c> and <c>/metrics</c>.</summary>
/// <param name="NextOffset">The next offset after everything this instance committed to the lake.</param>
/// <param name="Lag">Records in the partition not yet in the lake (high watermark − next offset); null while unknown.</param>
/// <param name="RecordsPerSecond">Records committed per second over the last minute.</param>
/// <param name="FreshnessMs">At the last commit: how old the newest record was when it became queryable.</param>
public sealed record PartitionMetrics(
    int Partition, bool Assigned, long? NextOffset, long? HighWatermark, long? Lag, long Records, long Rejects,
    long Commits, double RecordsPerSecond, DateTimeOffset? LastCommitAt, double? FreshnessMs);
