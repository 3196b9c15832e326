namespace OpenData.Api;

/// <summary>Discards expired query jobs and their files, also those nobody asks for again.</summary>
public sealed class SqlQueryJobsSweeper(SqlQueryJobs jobs, SqlQueriesOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Often enough that a short lifetime (tests) is kept to, and at least once a minute.
        using var timer = new PeriodicTimer(options.ResultLifetime < TimeSpan.FromMinutes(1) ? options.ResultLifetime : TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            jobs.DiscardExpired();
        }
    }
}
