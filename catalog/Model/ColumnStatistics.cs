namespace OpenData.Catalog;

/// <summary>
/// Statistics of one column of a version. Min and max are text so that one shape fits every type.
/// Statistics of personal columns are for the owning department only; the catalog stores them all.
/// </summary>
public sealed record ColumnStatistics(
    string Column,
    long NullCount,
    string? Min,
    string? Max,
    long? ApproximateDistinctCount);
