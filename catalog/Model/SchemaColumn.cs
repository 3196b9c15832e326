namespace OpenData.Catalog;

/// <summary>A column of a version as stored: its normalised name, DuckDB type and the original header as title.</summary>
public sealed record SchemaColumn(string Name, string Type, string? Title = null);
