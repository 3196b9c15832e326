namespace OpenData.Bench;

/// <summary>Percentiles of a sample, linear between the closest ranks: the 50th of an even count is the mean of the middle two.</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percent"/>th percentile of values sorted in ascending order; NaN when there are none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = percent / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static double Median(IEnumerable<double> values) => Of([.. values.Order()], 50);

    public static TimeSpan Median(IEnumerable<TimeSpan> values) =>
        TimeSpan.FromMilliseconds(Median(values.Select(value => value.TotalMilliseconds)));
}
