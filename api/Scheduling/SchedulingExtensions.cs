using System.Collections.Specialized;
using Quartz;
using Quartz.Impl;

namespace OpenData.Api;

/// <summary>
/// One Quartz scheduler for the whole host (in memory), shared by every feature that runs jobs on a schedule: resolve
/// <see cref="IScheduler"/> and schedule jobs on it. Jobs are built by the container, so their constructors take
/// services. Quartz's own hosting package is not in the registry, so <see cref="SchedulerService"/> starts and stops it.
/// </summary>
public static class SchedulingExtensions
{
    public static WebApplicationBuilder AddScheduler(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(provider =>
        {
            var factory = new StdSchedulerFactory(new NameValueCollection
            {
                // Quartz keeps schedulers in a process-wide repository by name: one name per host (tests run several).
                ["quartz.scheduler.instanceName"] = "opendata-" + Guid.NewGuid().ToString("N"),
                ["quartz.threadPool.maxConcurrency"] = "4",
            });
            var scheduler = factory.GetScheduler().GetAwaiter().GetResult();
            scheduler.JobFactory = new ServiceJobFactory(provider);
            return scheduler;
        });
        builder.Services.AddHostedService<SchedulerService>();
        return builder;
    }
}
