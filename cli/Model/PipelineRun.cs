namespace OpenData.Cli;

/// <summary>One run of a pipeline: <see cref="Status"/> is <c>running</c>, <c>succeeded</c> or <c>failed</c>.</summary>
public sealed record PipelineRun(
    long Id,
    string Pipeline,
    int Attempt,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long? Rows,
    int? OutputVersion,
    string? Error,
    CheckFailure? FailedCheck)
{
    public const string Running = "running";
    public const string Failed = "failed";
}
