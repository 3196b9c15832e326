namespace OpenData.Bench.QueryThroughput;

/// <summary>Wall times of repeated runs, in milliseconds, and their percentiles (linear between closest ranks).</summary>
internal sealed class Latencies
{
    private readonly List<double> milliseconds = [];
    private double[]? sorted;

    public int Count => milliseconds.Count;

    public void Add(TimeSpan wall)
    {
        milliseconds.Add(wall.TotalMilliseconds);
        sorted = null;
    }

    public void AddRange(Latencies other)
    {
        milliseconds.AddRange(other.milliseconds);
        sorted = null;
    }

    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);

    public double Percentile(double percent)
    {
        sorted ??= [.. milliseconds.Order()];
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = percent / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
