namespace OpenData.Ingest;

/// <summary>
/// One value or row that did not fit. <see cref="Line"/> is the line of a CSV/TSV/NDJSON file (the header is line 1;
/// a quoted value spanning lines counts as one line, as DuckDB counts), the sheet row of an xlsx file, or the
/// 1-based record number of a JSON array or Parquet file. <see cref="Column"/> is null when the whole row is wrong.
/// </summary>
public sealed record ImportReject(long Line, string? Column, string? Value, string Reason);
