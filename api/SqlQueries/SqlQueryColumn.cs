namespace OpenData.Api;

/// <summary>A column of a job's result: its name and DuckDB's name of its type.</summary>
public sealed record SqlQueryColumn(string Name, string Type);
