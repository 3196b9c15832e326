namespace OpenData.Catalog;

/// <summary>One attempt to run a pipeline. The catalog assigns <see cref="Id"/>.</summary>
public sealed record PipelineRun
{
    public long Id { get; init; }

    public required string Pipeline { get; init; }

    public required PipelineTrigger Trigger { get; init; }

    /// <summary>1 for the first attempt; retries after a failure count up.</summary>
    public int Attempt { get; init; } = 1;

    public PipelineRunStatus Status { get; init; } = PipelineRunStatus.Running;

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Rows the run committed (for append and incremental: the rows it added).</summary>
    public long? Rows { get; init; }

    /// <summary>The exact snapshot of every input the run read.</summary>
    public IReadOnlyList<InputVersion> Inputs { get; init; } = [];

    /// <summary>The target version the run committed; null when it committed nothing.</summary>
    public int? OutputVersion { get; init; }

    public string? Error { get; init; }

    /// <summary>The check that failed, with sample offending rows; null when none did.</summary>
    public CheckFailure? FailedCheck { get; init; }
}
