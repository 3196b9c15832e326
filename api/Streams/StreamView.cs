using OpenData.Catalog;
using OpenData.Streaming;

namespace OpenData.Api;

/// <summary>A stream as the API shows it: its binding, its state on this instance, and each partition's figures.</summary>
public sealed record StreamView(
    string Department, string Dataset, string Topic, string Format, int FlushIntervalMs, int FlushSize, string RejectsDataset,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string State, string? LastError, DateTimeOffset? LastErrorAt,
    IReadOnlyList<StreamPartitionView> Partitions)
{
    /// <param name="positions">The dataset's offsets in the catalog: what every instance has committed.</param>
    public static StreamView From(StreamBinding stream, IReadOnlyList<StreamPosition> positions, StreamStatus status, string streaming)
    {
        var live = status.Partitions.ToDictionary(p => p.Partition);
        var partitions = positions.Where(p => p.Topic == stream.Topic).Select(p => p.Partition)
            .Union(live.Keys)
            .Order()
            .Select(partition => StreamPartitionView.From(
                partition, positions.FirstOrDefault(p => p.Topic == stream.Topic && p.Partition == partition), live.GetValueOrDefault(partition)))
            .ToList();
        return new StreamView(
            stream.Department, stream.Dataset, stream.Topic, stream.Format, (int)stream.FlushInterval.TotalMilliseconds, stream.FlushSize,
            stream.RejectsDataset, stream.CreatedBy, stream.CreatedAt, stream.UpdatedAt,
            streaming == StreamingSetup.On ? status.State : "streaming " + streaming, status.LastError, status.LastErrorAt, partitions);
    }
}

/// <summary>One partition: the catalog's committed offset, and the live figures when this instance consumes it.</summary>
public sealed record StreamPartitionView(
    int Partition, long? CommittedOffset, DateTimeOffset? CommittedAt, bool AssignedHere, long? Lag, double RecordsPerSecond,
    long Records, long Rejects, DateTimeOffset? LastCommitAt, double? FreshnessMs)
{
    public static StreamPartitionView From(int partition, StreamPosition? position, PartitionMetrics? live) =>
        new(partition, position?.NextOffset, position?.CommittedAt, live?.Assigned ?? false, live?.Assigned == true ? live.Lag : null,
            live?.RecordsPerSecond ?? 0, live?.Records ?? 0, live?.Rejects ?? 0, live?.LastCommitAt, live?.FreshnessMs);
}
