using System.Globalization;
using System.Text;

namespace OpenData.Api;

/// <summary>GET /metrics: the streams' figures in Prometheus text format (the streams the caller may see).</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", GetMetrics)
            .WithName("GetMetrics")
            .WithSummary("Per stream and partition: records, rejects, records/s, lag, committed offset, last commit and freshness, in Prometheus text format.")
            .WithTags("Streams")
            // Scrapers poll it on a schedule and must not be told to back off.
            .DisableRateLimiting();
        return app;
    }

    public static async Task<IResult> GetMetrics([AsParameters] StreamServices services, CancellationToken cancellationToken)
    {
        var streams = await StreamsApi.VisibleAsync(services, cancellationToken);
        var text = new StringBuilder();
        Family(text, "opendata_stream_records_total", "counter", "Records this instance committed to the dataset.", streams, p => p.Records);
        Family(text, "opendata_stream_rejects_total", "counter", "Records this instance committed to the rejects dataset.", streams, p => p.Rejects);
        Family(text, "opendata_stream_records_per_second", "gauge", "Records committed per second over the last minute.", streams, p => p.RecordsPerSecond);
        Family(text, "opendata_stream_lag", "gauge", "Records in the partition not yet in the lake.", streams, p => p.Lag);
        Family(text, "opendata_stream_committed_offset", "gauge", "The next offset the catalog holds for the dataset.", streams, p => p.CommittedOffset);
        Family(text, "opendata_stream_last_commit_timestamp_seconds", "gauge", "Unix time of this instance's last commit.", streams,
            p => p.LastCommitAt?.ToUnixTimeMilliseconds() / 1000.0);
        Family(text, "opendata_stream_freshness_seconds", "gauge", "Age of the newest record when its batch became queryable.", streams,
            p => p.FreshnessMs / 1000.0);
        return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    private static void Family(
        StringBuilder text, string name, string type, string help, List<StreamView> streams, Func<StreamPartitionView, double?> value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var stream in streams)
        {
            foreach (var partition in stream.Partitions)
            {
                if (value(partition) is { } number)
                {
                    text.Append(name)
                        .Append($"{{department=\"{Label(stream.Department)}\",dataset=\"{Label(stream.Dataset)}\",topic=\"{Label(stream.Topic)}\",partition=\"{partition.Partition}\"}} ")
                        .Append(number.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }
    }

    private static string Label(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
