namespace OpenData.Catalog;

/// <summary>The upload a version came from; <see cref="Sha256"/> makes re-uploads of the same file detectable.</summary>
public sealed record VersionSource(string FileName, string Format, string Sha256);
