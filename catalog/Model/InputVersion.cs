namespace OpenData.Catalog;

/// <summary>One exact snapshot a derived version was computed from.</summary>
public sealed record InputVersion(string Department, string Dataset, int Version);
