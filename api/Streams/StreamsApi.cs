using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;
using OpenData.Streaming;

namespace OpenData.Api;

/// <summary>Kafka streams: binding a dataset to a topic, and every stream with its state.</summary>
public static class StreamsApi
{
    private const string RejectsSuffix = "-rejects";

    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/datasets/{department}/{dataset}/stream", PutStream)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("PutStream")
            .WithSummary("Binds the dataset to a Kafka topic (topic, format, flushIntervalMs, flushSize); an admin or the department's publisher.")
            .WithTags("Streams");
        app.MapGet("/api/v1/streams", ListStreams)
            .WithName("ListStreams")
            .WithSummary("Every stream the caller may see, with its state and, per partition, offsets, lag, records/s, last commit and freshness.")
            .WithTags("Streams");
        return app;
    }

    public static async Task<Results<Created<StreamView>, Ok<StreamView>, ProblemHttpResult>> PutStream(
        string department, string dataset, StreamRequest request, [AsParameters] StreamServices services, CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (!caller.CanWrite(department))
        {
            return Problems.CannotWrite(caller, department);
        }
        if (string.IsNullOrWhiteSpace(request.Topic))
        {
            return Problems.Invalid("topic", "The Kafka topic to consume is required.");
        }
        if (await services.Catalog.GetDatasetAsync(department, dataset, cancellationToken) is not { } target)
        {
            return Problems.DatasetNotFound(department, dataset);
        }

        var rejects = RejectsSlug(dataset);
        if (await services.Catalog.GetDatasetAsync(department, rejects, cancellationToken) is null)
        {
            // Raw payloads may hold personal data: the rejects are restricted to the department (and admins).
            await services.Catalog.CreateDatasetAsync(new Dataset
            {
                Department = department,
                Slug = rejects,
                Title = "Rejected messages: " + target.Title,
                Description = $"Kafka records of the stream into '{dataset}' that did not fit it: topic, partition, offset, timestamp, reason and raw payload.",
                Access = AccessLevel.Restricted,
                UpdateFrequency = "continuous",
            }, cancellationToken);
        }

        var existed = (await services.Catalog.ListStreamsAsync(cancellationToken)).Any(s => s.Department == department && s.Dataset == dataset);
        var stream = await services.Catalog.PutStreamAsync(new StreamBinding
        {
            Department = department,
            Dataset = dataset,
            Topic = request.Topic.Trim(),
            Format = request.Format ?? StreamBinding.JsonFormat,
            FlushInterval = TimeSpan.FromMilliseconds(request.FlushIntervalMs ?? 2000),
            FlushSize = request.FlushSize ?? 50_000,
            RejectsDataset = rejects,
            CreatedBy = caller.Name,
        }, cancellationToken);
        services.Setup.EnsureTopic(stream.Topic);

        var view = await ViewAsync(stream, services, cancellationToken);
        return existed ? TypedResults.Ok(view) : TypedResults.Created("/api/v1/streams", view);
    }

    public static async Task<Ok<List<StreamView>>> ListStreams([AsParameters] StreamServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await VisibleAsync(services, cancellationToken));

    /// <summary>Every stream whose dataset the caller may see, with its state.</summary>
    public static async Task<List<StreamView>> VisibleAsync(StreamServices services, CancellationToken cancellationToken)
    {
        var views = new List<StreamView>();
        foreach (var stream in await services.Catalog.ListStreamsAsync(cancellationToken))
        {
            if (await services.Catalog.GetDatasetAsync(stream.Department, stream.Dataset, cancellationToken) is { } dataset
                && services.Caller.CanSee(dataset))
            {
                views.Add(await ViewAsync(stream, services, cancellationToken));
            }
        }
        return views;
    }

    private static async Task<StreamView> ViewAsync(StreamBinding stream, StreamServices services, CancellationToken cancellationToken) =>
        StreamView.From(
            stream,
            await services.Catalog.GetStreamPositionsAsync(stream.Department, stream.Dataset, cancellationToken),
            services.Metrics.Read(stream.Department, stream.Dataset),
            services.Setup.State);

    /// <summary>"{dataset}-rejects", shortening the dataset's slug when the whole would pass the 63-character limit.</summary>
    private static string RejectsSlug(string dataset) =>
        (dataset.Length + RejectsSuffix.Length > 63 ? dataset[..(63 - RejectsSuffix.Length)] : dataset) + RejectsSuffix;
}

/// <summary>What the stream endpoints need.</summary>
public sealed record StreamServices(ICatalogStore Catalog, StreamingSetup Setup, StreamMetrics Metrics, ClaimsPrincipal User)
{
    public Caller Caller => Caller.From(User);
}
