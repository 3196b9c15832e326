namespace OpenData.Bench.StreamThroughput;

/// <summary>Seconds from produce to visible in SQL over the probe tickets: p50, p99 and the worst.</summary>
internal sealed record Freshness(int Probes, double P50, double P99, double Max)
{
    public static Freshness Of(IReadOnlyDictionary<long, TimeSpan> produced, IReadOnlyDictionary<long, TimeSpan> visible)
    {
        var seconds = produced.Select(probe => (visible[probe.Key] - probe.Value).TotalSeconds).Order().ToList();
        return new Freshness(seconds.Count, Percentile(seconds, 0.50), Percentile(seconds, 0.99), seconds[^1]);
    }

    public override string ToString() => $"p50 {P50:0.00} s, p99 {P99:0.00} s, max {Max:0.00} s over {Probes:N0} probes";

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
