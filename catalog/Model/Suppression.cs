namespace OpenData.Catalog;

/// <summary>
/// Small-cell suppression of an aggregate of personal records: a row whose <see cref="CountColumn"/> is below
/// <see cref="Threshold"/> has that count and its <see cref="Measures"/> replaced by NULL and <see cref="FlagColumn"/>
/// set. <see cref="Dimensions"/> are the grouping columns; a row where one is NULL is a total (ROLLUP, GROUPING SETS),
/// and totals that would reveal a suppressed row make a complementary row suppressed too (docs/pipelines.md).
/// </summary>
public sealed record Suppression
{
    public required string CountColumn { get; init; }

    /// <summary>k: the smallest count published; null takes Pipelines:DefaultSuppressionThreshold.</summary>
    public int? Threshold { get; init; }

    public IReadOnlyList<string> Measures { get; init; } = [];

    public IReadOnlyList<string> Dimensions { get; init; } = [];

    public string FlagColumn { get; init; } = "suppressed";
}
