using OpenData.Catalog;
using Quartz;

namespace OpenData.Pipelines;

/// <summary>The Quartz job behind a pipeline's cron schedule: starts a run, or nothing when one is under way.</summary>
public sealed class PipelineCronJob(PipelineRunner runner) : IJob
{
    public const string PipelineKey = "pipeline";

    public async Task Execute(IJobExecutionContext context)
    {
        try
        {
            await runner.StartAsync(context.MergedJobDataMap.GetString(PipelineKey)!, PipelineTrigger.Schedule, context.CancellationToken);
        }
        catch (CatalogException error) when (error.Kind == CatalogErrorKind.NotFound)
        {
            // Deleted since the trigger fired; its schedule is removed with it.
        }
    }
}
