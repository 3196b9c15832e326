namespace OpenData.Streaming;

/// <summary>A stream's state on this instance, with its partitions.</summary>
/// <param name="State"><c>waiting</c> (no partition assigned here), <c>running</c>, or <c>retrying</c> after a failed commit.</param>
public sealed record StreamStatus(string State, string? LastError, DateTimeOffset? LastErrorAt, IReadOnlyList<PartitionMetrics> Partitions);
