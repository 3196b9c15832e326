using Quartz;

namespace OpenData.Api;

/// <summary>Puts <see cref="CompactionJob"/> on the shared scheduler at Compaction:Schedule (UTC), unless the schedule is empty.</summary>
public sealed class CompactionSchedule(IScheduler scheduler, CompactionOptions options, ILogger<CompactionSchedule> logger) : IHostedService
{
    private static readonly JobKey Job = new("compaction", "lake");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Schedule))
        {
            logger.LogInformation("Compaction:Schedule is empty: datasets are compacted only on request (POST …/compact).");
            return;
        }
        var job = JobBuilder.Create<CompactionJob>().WithIdentity(Job).Build();
        // A firing missed while the host was down or a run was still going is not made up: the next one comes on time.
        var trigger = TriggerBuilder.Create()
            .WithIdentity(Job.Name, Job.Group)
            .WithCronSchedule(options.Schedule, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireHandlingInstructionDoNothing())
            .Build();
        await scheduler.ScheduleJob(job, [trigger], replace: true, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
