using Quartz;

namespace OpenData.Api;

/// <summary>Starts the shared Quartz scheduler with the host and shuts it down with it, letting running jobs finish.</summary>
public sealed class SchedulerService(IScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => scheduler.Start(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
}
