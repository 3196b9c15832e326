using OpenData.Catalog;

namespace OpenData.Lake;

/// <summary>What the catalog records about a snapshot's rows: count, schema and per-column statistics.</summary>
internal sealed record SnapshotSummary(long RowCount, IReadOnlyList<SchemaColumn> Schema, IReadOnlyList<ColumnStatistics> Statistics)
{
    public static SnapshotSummary Empty { get; } = new(0, [], []);
}
