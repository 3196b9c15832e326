namespace OpenData.Catalog;

/// <summary>Where a dataset's stream stands in one topic partition: the next offset to read, as last committed.</summary>
public sealed record StreamPosition(string Topic, int Partition, long NextOffset, DateTimeOffset CommittedAt);
