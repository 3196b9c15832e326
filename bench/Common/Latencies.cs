namespace OpenData.Bench;

/// <summary>Wall times of repeated runs, in milliseconds, and their <see cref="Percentiles"/>.</summary>
public sealed class Latencies
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

    public double Max => Percentile(100);

    public double Percentile(double percent) => Percentiles.Of(sorted ??= [.. milliseconds.Order()], percent);
}
