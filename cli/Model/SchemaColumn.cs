namespace OpenData.Cli;

/// <summary>A column as stored: normalised name, DuckDB type, and the original header as title.</summary>
public sealed record SchemaColumn(string Name, string Type, string? Title);
