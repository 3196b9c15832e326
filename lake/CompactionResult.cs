using OpenData.Catalog;

namespace OpenData.Lake;

/// <summary>What one <see cref="LakeCompaction.CompactAsync"/> did.</summary>
/// <param name="FilesBefore">Internal files of the version it looked at.</param>
/// <param name="FilesAfter">Internal files of the version it committed (files appended meanwhile included); equal to
/// <paramref name="FilesBefore"/> when it committed nothing.</param>
/// <param name="Version">The new version when <paramref name="Outcome"/> is <see cref="CompactionOutcome.Compacted"/>.</param>
public sealed record CompactionResult(
    CompactionOutcome Outcome, string Detail, int FilesBefore, int FilesAfter, long Rows, DatasetVersion? Version);
