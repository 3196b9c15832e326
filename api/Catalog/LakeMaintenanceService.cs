using OpenData.Catalog;
using OpenData.Lake;

namespace OpenData.Api;

/// <summary>
/// Every Lake:MaintenanceInterval, removes versions past retention and then the files nothing references
/// (including uploads left in staging by a crashed request, and the rejects reports and download files of removed
/// versions). A failed run is logged and retried next time.
/// </summary>
public sealed class LakeMaintenanceService(
    LakeRetention retention, LakeJanitor janitor, ICatalogStore catalog, LakeOptions options, ILogger<LakeMaintenanceService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.MaintenanceInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var expired = await retention.RunAsync(stoppingToken);
                var garbage = await janitor.RunAsync(stoppingToken);
                var reports = await new RejectsFiles(options.DataDirectory).RemoveExpiredAsync(catalog, stoppingToken);
                var downloads = await new DownloadFolder(options.DataDirectory).RemoveExpiredAsync(catalog, stoppingToken);
                if (expired.FilesDeleted + garbage.FilesDeleted + reports + downloads > 0)
                {
                    logger.LogInformation(
                        "Lake maintenance removed {Versions} expired versions, {Files} files ({Bytes} bytes), {Reports} rejects reports and {Downloads} download files.",
                        expired.VersionsDeleted, expired.FilesDeleted + garbage.FilesDeleted, expired.BytesDeleted + garbage.BytesDeleted, reports, downloads);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Lake maintenance failed; it runs again in {Interval}.", options.MaintenanceInterval);
            }
        }
    }
}
