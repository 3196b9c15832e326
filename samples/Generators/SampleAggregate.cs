namespace OpenData.Samples;

/// <summary>
/// The pipeline the seeder defines over a sample dataset: a public aggregate of the department's records, published
/// as a dataset of the same name, recomputed every day and whenever the records get a new version. Every aggregate
/// counts people, so small cells are suppressed (the platform's default threshold).
/// </summary>
/// <param name="Sql">One SELECT over the sample, named as <c>"department"."dataset"</c>.</param>
public sealed record SampleAggregate(
    string Name,
    string Title,
    string Description,
    string Sql,
    string CountColumn,
    IReadOnlyList<string> Measures,
    IReadOnlyList<string> Dimensions,
    IReadOnlyDictionary<string, string> ColumnDescriptions)
{
    /// <summary>Every day at 05:00 UTC (Quartz cron, seconds first).</summary>
    public const string Schedule = "0 0 5 * * ?";
}
