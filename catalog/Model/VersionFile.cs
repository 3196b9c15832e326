namespace OpenData.Catalog;

/// <summary>
/// One immutable data file of a version. <see cref="Path"/> is opaque to the catalog; by convention it is
/// relative to the lake folder and starts with the tier (<c>internal/…</c> or <c>public/…</c>).
/// </summary>
public sealed record VersionFile(string Path, long Size, string Sha256);
