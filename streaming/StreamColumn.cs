namespace OpenData.Streaming;

/// <summary>A column that records are parsed into: a JSON field of the same name, cast to a DuckDB type.</summary>
/// <param name="Required">A record without this field (or with null) is rejected.</param>
public sealed record StreamColumn(string Name, string Type, bool Required = false);
