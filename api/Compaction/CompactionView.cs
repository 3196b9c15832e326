using OpenData.Lake;

namespace OpenData.Api;

/// <summary>The answer of POST …/compact.</summary>
/// <param name="Version">The new version, when <paramref name="Outcome"/> is <c>compacted</c>.</param>
/// <param name="FilesBefore">Internal files of the version compacted (or looked at).</param>
/// <param name="FilesAfter">Internal files of the new version, including any appended while it ran.</param>
public sealed record CompactionView(
    CompactionOutcome Outcome, string Detail, int? Version, int FilesBefore, int FilesAfter, long Rows, long DurationMs);
