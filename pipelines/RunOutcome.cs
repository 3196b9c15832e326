using OpenData.Catalog;

namespace OpenData.Pipelines;

/// <summary>How one attempt ended without an exception: committed (or nothing new to add), or stopped by a check.</summary>
internal sealed record RunOutcome(long Rows, int? OutputVersion, CheckFailure? FailedCheck);
