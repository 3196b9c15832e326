namespace OpenData.Catalog;

/// <summary>How each run's result becomes the target's next version.</summary>
public enum PipelineWriteMode
{
    /// <summary>The result is the whole new version.</summary>
    Replace,

    /// <summary>The result is added to the previous version's rows.</summary>
    Append,

    /// <summary>Only result rows whose watermark column is past the target's largest value are added.</summary>
    Incremental,
}
