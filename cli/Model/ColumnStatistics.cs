namespace OpenData.Cli;

/// <summary>Statistics of one column; min and max are text so one shape fits every type.</summary>
public sealed record ColumnStatistics(string Column, long NullCount, string? Min, string? Max);
