using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>…/lineage: where a dataset's versions came from and what was derived from them, as far as the caller may see.</summary>
public static class LineageApi
{
    public static IEndpointRouteBuilder MapLineageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/datasets/{department}/{dataset}/lineage", GetLineage)
            .WithTags("Pipelines")
            .WithName("GetLineage")
            .WithSummary("The upstream and downstream graph of a dataset: datasets, versions, pipelines, uploads and streams.");
        return app;
    }

    public static async Task<Results<Ok<LineageGraph>, ProblemHttpResult>> GetLineage(
        string department, string dataset, [AsParameters] LineageServices services, CancellationToken cancellationToken)
    {
        var caller = Caller.From(services.User);
        if (await DatasetVisibility.FindAsync(services.Catalog, caller, department, dataset, cancellationToken) is null)
        {
            return Problems.DatasetNotFound(department, dataset);
        }

        // What the caller may not see is left out, edges to it included: lineage must not reveal a dataset's existence.
        // Only the datasets on the edges are read, not the whole catalog.
        var links = (await services.Pipelines.ListLineageAsync(department, dataset, cancellationToken))
            .Select(e => new LineageLink($"{e.InputDepartment}/{e.InputDataset}", e.InputVersion, $"{e.OutputDepartment}/{e.OutputDataset}", e.OutputVersion, e.Pipeline))
            .ToList();
        var visible = new Dictionary<string, Dataset>(StringComparer.Ordinal);
        foreach (var name in links.SelectMany(e => new[] { e.From, e.To }).Append($"{department}/{dataset}").Distinct(StringComparer.Ordinal))
        {
            var parts = name.Split('/');
            if (await services.Catalog.GetDatasetAsync(parts[0], parts[1], cancellationToken) is { } found && caller.CanSee(found))
            {
                visible[name] = found;
            }
        }
        var edges = links.Where(e => visible.ContainsKey(e.From) && visible.ContainsKey(e.To)).ToList();

        var self = $"{department}/{dataset}";
        var streams = (await services.Catalog.ListStreamsAsync(cancellationToken))
            .ToDictionary(s => $"{s.Department}/{s.Dataset}", s => s.Topic, StringComparer.Ordinal);
        var nodes = new List<LineageNode>();
        foreach (var name in edges.SelectMany(e => new[] { e.From, e.To }).Append(self).Distinct().Order(StringComparer.Ordinal))
        {
            nodes.Add(await NodeAsync(services.Catalog, visible[name], edges, streams, cancellationToken));
        }
        return TypedResults.Ok(new LineageGraph(self, Reachable(self, edges, upstream: true), Reachable(self, edges, upstream: false), nodes, edges));
    }

    private static async Task<LineageNode> NodeAsync(
        ICatalogStore catalog, Dataset dataset, IReadOnlyList<LineageLink> edges, IReadOnlyDictionary<string, string> streams,
        CancellationToken cancellationToken)
    {
        var name = $"{dataset.Department}/{dataset.Slug}";
        var derived = edges.Where(e => e.To == name).GroupBy(e => e.ToVersion).ToDictionary(g => g.Key, g => g.First().Pipeline);
        var sources = new List<(string Kind, string? Name, int Version)>();
        foreach (var version in (await catalog.ListVersionsAsync(dataset.Department, dataset.Slug, cancellationToken)).OrderBy(v => v.Number))
        {
            sources.Add(derived.TryGetValue(version.Number, out var pipeline) ? ("pipeline", pipeline, version.Number)
                : version.Source is { } upload ? ("upload", upload.FileName, version.Number)
                : streams.TryGetValue(name, out var topic) ? ("stream", topic, version.Number)
                : ("other", version.CreatedBy, version.Number));
        }
        return new LineageNode(name, dataset.CurrentVersion, sources
            .GroupBy(s => (s.Kind, s.Name))
            .Select(g => new LineageSource(g.Key.Kind, g.Key.Name, g.Select(s => s.Version).ToList()))
            .ToList());
    }

    /// <summary>The datasets reachable from <paramref name="start"/> against (upstream) or along the edges.</summary>
    private static List<string> Reachable(string start, IReadOnlyList<LineageLink> edges, bool upstream)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([start]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var next in edges.Where(e => (upstream ? e.To : e.From) == current).Select(e => upstream ? e.From : e.To))
            {
                if (next != start && found.Add(next))
                {
                    pending.Enqueue(next);
                }
            }
        }
        return [.. found];
    }
}

/// <summary>What the lineage handler needs.</summary>
public sealed record LineageServices(ICatalogStore Catalog, IPipelineStore Pipelines, System.Security.Claims.ClaimsPrincipal User);
