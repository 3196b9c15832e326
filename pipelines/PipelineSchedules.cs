using OpenData.Catalog;
using Quartz;

namespace OpenData.Pipelines;

/// <summary>
/// Keeps the Quartz scheduler's triggers in step with the pipelines' cron schedules (in UTC): one job per scheduled
/// pipeline, replaced when the pipeline changes and removed when it goes. A missed firing (the platform was down) is not
/// made up: the next one comes on schedule, and input changes have their own trigger.
/// </summary>
public sealed class PipelineSchedules(IScheduler scheduler)
{
    private const string Group = "pipelines";

    public async Task ApplyAsync(Pipeline pipeline, CancellationToken cancellationToken = default)
    {
        var job = new JobKey(pipeline.Name, Group);
        if (pipeline.Schedule is null)
        {
            await scheduler.DeleteJob(job, cancellationToken);
            return;
        }
        var detail = JobBuilder.Create<PipelineCronJob>()
            .WithIdentity(job)
            .UsingJobData(PipelineCronJob.PipelineKey, pipeline.Name)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(pipeline.Name, Group)
            .WithCronSchedule(pipeline.Schedule, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireHandlingInstructionDoNothing())
            .Build();
        await scheduler.ScheduleJob(detail, [trigger], replace: true, cancellationToken);
    }

    public Task RemoveAsync(string pipeline, CancellationToken cancellationToken = default) =>
        scheduler.DeleteJob(new JobKey(pipeline, Group), cancellationToken);
}
