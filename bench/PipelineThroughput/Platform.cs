using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpenData.Samples;

namespace OpenData.Bench.PipelineThroughput;

/// <summary>
/// The HTTP side: the tickets dataset published with bench/Common, the sample department's aggregate pipeline over
/// it (public target, small-cell suppression, a check), and its runs started and waited for as a client would.
/// </summary>
internal sealed class Platform(PlatformServer server, HttpClient client)
{
    /// <summary>How often the client asks whether a run has ended: a run's wall time is at most this much late.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>A run as the client saw it: wall time from POST to the record saying it ended, and the record itself.</summary>
    public sealed record Run(long Id, TimeSpan Wall, string Status, DateTimeOffset StartedAt, DateTimeOffset EndedAt, long Rows, int? OutputVersion, string? Error)
    {
        /// <summary>The run's own span, startedAt → endedAt, as the server recorded it.</summary>
        public TimeSpan Recorded => EndedAt - StartedAt;
    }

    /// <summary>The published input: its version and the full paths of its internal-tier Parquet files.</summary>
    public sealed record Input(int Version, long Rows, IReadOnlyList<string> InternalFiles, TimeSpan UploadWall);

    public static SampleDataset Sample { get; } = new TrafficTickets();

    public static SampleAggregate Aggregate => Sample.Aggregate;

    /// <summary>Creates the department and the dataset, uploads the CSV, and returns the version the pipeline reads.</summary>
    public async Task<(string PublisherKey, Input Input)> PublishAsync(string csv)
    {
        var (publisher, upload) = await Upload.PublishAsync(client, server, csv);
        var number = upload.Body!["version"]!.GetValue<int>();
        var files = await InternalFilesAsync(publisher, Upload.Dataset, number);
        return (publisher, new Input(number, upload.Body["versionRows"]!.GetValue<long>(), files, upload.Wall));
    }

    /// <summary>Defines the sample's aggregate pipeline as samples/Seed does, plus a uniqueness check of its cells.</summary>
    public async Task DefineAsync(string publisherKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pipelines")
        {
            Content = JsonContent.Create(Sample.AggregatePipeline(triggered: false, new { kind = "unique", columns = Aggregate.Dimensions })),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", publisherKey);
        await Upload.Expect(await client.SendAsync(request), HttpStatusCode.Created);
    }

    /// <summary>POST …/runs, then GET …/runs/{id} every <see cref="PollInterval"/> until the record says it ended.</summary>
    public async Task<Run> RunAsync(string publisherKey)
    {
        var started = Stopwatch.GetTimestamp();
        var accepted = await Upload.Expect(await Upload.SendAsync(client, HttpMethod.Post, $"/api/v1/pipelines/{Aggregate.Name}/runs", publisherKey), HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<long>();
        while (true)
        {
            var run = await Upload.Expect(await Upload.SendAsync(client, HttpMethod.Get, $"/api/v1/pipelines/{Aggregate.Name}/runs/{id}", publisherKey), HttpStatusCode.OK);
            if (run["status"]!.GetValue<string>() != "running")
            {
                var wall = Stopwatch.GetElapsedTime(started);
                return new Run(id, wall, run["status"]!.GetValue<string>(), run["startedAt"]!.GetValue<DateTimeOffset>(),
                    run["endedAt"]!.GetValue<DateTimeOffset>(), run["rows"]?.GetValue<long>() ?? 0, run["outputVersion"]?.GetValue<int>(),
                    run["error"]?.GetValue<string>());
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The full paths of a version's internal-tier files.</summary>
    public async Task<IReadOnlyList<string>> InternalFilesAsync(string key, string dataset, int version) =>
        (await Upload.VersionAsync(client, key, dataset, version)).Files
            .Where(path => path.StartsWith("internal/", StringComparison.Ordinal))
            .Select(path => Path.Combine(server.DataDirectory, "lake", path))
            .ToList();
}
