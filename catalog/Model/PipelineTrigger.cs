namespace OpenData.Catalog;

/// <summary>What started a run.</summary>
public enum PipelineTrigger
{
    /// <summary>POST …/runs.</summary>
    Manual,

    /// <summary>The pipeline's cron schedule.</summary>
    Schedule,

    /// <summary>An input got a version the last run did not read.</summary>
    InputChange,
}
