namespace OpenData.Catalog;

/// <summary>
/// The records of one topic partition that a version took in: offsets <see cref="From"/> up to, not including,
/// <see cref="To"/>, the next offset to read. Recorded by the commit that holds the records, so the catalog
/// knows exactly which records the lake has.
/// </summary>
public sealed record StreamOffsetRange(string Topic, int Partition, long From, long To);
