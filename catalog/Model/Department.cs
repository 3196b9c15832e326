namespace OpenData.Catalog;

/// <summary>A government department that owns datasets. <see cref="Slug"/> is its name in URLs and lake paths.</summary>
public sealed record Department(string Slug, string Name, string Contact);
