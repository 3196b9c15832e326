namespace OpenData.Catalog;

/// <summary>How a derived version was made: by which pipeline, from which input snapshots (its lineage).</summary>
public sealed record VersionDerivation(string Pipeline, IReadOnlyList<InputVersion> Inputs);
