namespace OpenData.Streaming;

/// <summary>
/// A batch parsed on a DuckDB connection: <see cref="RowsSql"/> selects the typed rows and <see cref="RejectsSql"/>
/// the bad records, both from temporary tables that live until the next batch is parsed on that connection.
/// </summary>
/// <param name="RejectsByPartition">Bad records per partition (before leaving out those already recorded).</param>
public sealed record ParsedBatch(
    string RowsSql, string RejectsSql, long Rows, long Rejects, IReadOnlyDictionary<int, long> RejectsByPartition,
    IReadOnlyList<StreamColumn> Columns, IReadOnlyList<StreamColumn> AddedColumns);
