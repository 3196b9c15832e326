using OpenData.Catalog;
using OpenData.Pipelines;

namespace OpenData.Api;

/// <summary>
/// On start: marks runs an earlier process left unfinished as failed, and schedules every pipeline's cron trigger. Then,
/// every Pipelines:InputPollInterval, starts the pipelines whose inputs have versions their last run did not read. On
/// stop: stops the runs under way (nothing of theirs is committed).
/// </summary>
public sealed class PipelinesService(
    IPipelineStore pipelines, PipelineSchedules schedules, PipelineInputWatch watch, PipelineRunner runner,
    PipelinesOptions options, ILogger<PipelinesService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interrupted = await pipelines.FailUnfinishedRunsAsync("The platform stopped during the run; nothing was committed.", stoppingToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Runs} pipeline runs were under way when the platform last stopped; they are recorded as failed.", interrupted);
        }
        foreach (var pipeline in await pipelines.ListPipelinesAsync(cancellationToken: stoppingToken))
        {
            await schedules.ApplyAsync(pipeline, stoppingToken);
        }

        using var timer = new PeriodicTimer(options.InputPollInterval);
        do
        {
            try
            {
                foreach (var name in await watch.FindDueAsync(stoppingToken))
                {
                    await runner.StartAsync(name, PipelineTrigger.InputChange, stoppingToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Looking for pipelines with new inputs failed; it runs again in {Interval}.", options.InputPollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await runner.DisposeAsync();
    }
}
