using OpenData.Catalog;
using OpenData.Lake;
using OpenData.Streaming;

namespace OpenData.Api;

/// <summary>
/// Runs the stream consumer on its own thread while the host runs (when <see cref="StreamingSetup"/> says
/// streaming is on). A consumer that fails is logged and started again after Kafka:RetryDelay; it resumes from
/// the catalog's offsets, so nothing is lost or repeated.
/// </summary>
public sealed class StreamingService(
    StreamingSetup setup, KafkaOptions options, ICatalogStore catalog, LakeWriter lake, StreamMetrics metrics,
    ILogger<StreamingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (setup.State != StreamingSetup.On)
        {
            return Task.CompletedTask;
        }
        // Consume blocks its thread: a dedicated one, not the thread pool.
        return Task.Factory.StartNew(() => Consume(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Consume(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var consumer = new StreamConsumer(options, setup.BootstrapServers!, catalog, lake, metrics, logger);
                consumer.Run(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(error, "The stream consumer stopped; it starts again in {Delay}.", options.RetryDelay);
                stoppingToken.WaitHandle.WaitOne(options.RetryDelay);
            }
        }
    }
}
