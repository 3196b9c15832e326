using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// The answer of GET …/lineage: the datasets upstream and downstream of one, each with where its versions came from
/// (uploads, streams, pipelines), and every edge from an input version to the derived version made from it.
/// </summary>
public sealed record LineageGraph(
    string Dataset, IReadOnlyList<string> Upstream, IReadOnlyList<string> Downstream,
    IReadOnlyList<LineageNode> Datasets, IReadOnlyList<LineageLink> Edges);

/// <summary>A dataset of the graph and its sources: "upload", "stream" (with the topic) or "pipeline" (with its name).</summary>
public sealed record LineageNode(string Dataset, int? CurrentVersion, IReadOnlyList<LineageSource> Sources);

/// <param name="Versions">The kept versions it made, oldest first.</param>
public sealed record LineageSource(string Kind, string? Name, IReadOnlyList<int> Versions);

/// <summary>Version <see cref="FromVersion"/> of <see cref="From"/> went into version <see cref="ToVersion"/> of <see cref="To"/>.</summary>
public sealed record LineageLink(string From, int FromVersion, string To, int ToVersion, string Pipeline);
