using Quartz;
using Quartz.Spi;

namespace OpenData.Api;

/// <summary>Builds each Quartz job with its constructor's services from the container.</summary>
public sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
{
    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) =>
        (IJob)ActivatorUtilities.CreateInstance(services, bundle.JobDetail.JobType);

    public void ReturnJob(IJob job) => (job as IDisposable)?.Dispose();
}
