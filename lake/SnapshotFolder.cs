using OpenData.Catalog;

namespace OpenData.Lake;

/// <summary>One snapshot folder of one tier, moved into the lake: its full path and its files as the catalog lists them.</summary>
internal sealed record SnapshotFolder(string FullPath, IReadOnlyList<VersionFile> Files);
