namespace OpenData.DuckDB;

/// <summary>
/// How far the query running on a connection has got, from duckdb_query_progress.
/// <see cref="Percentage"/> is -1 when no query runs or DuckDB cannot tell.
/// </summary>
public readonly record struct DuckDBQueryProgress(double Percentage, ulong RowsProcessed, ulong TotalRowsToProcess);
