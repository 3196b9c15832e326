namespace OpenData.Catalog;

public enum PipelineRunStatus
{
    Running,
    Succeeded,
    Failed,
}
