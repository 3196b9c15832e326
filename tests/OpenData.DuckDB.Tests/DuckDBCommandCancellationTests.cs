using System.Diagnostics;

namespace OpenData.DuckDB.Tests;

public class DuckDBCommandCancellationTests : IClassFixture<DuckDBDatabaseFixture>
{
    private readonly DuckDBDatabaseFixture db;

    public DuckDBCommandCancellationTests(DuckDBDatabaseFixture db)
    {
        this.db = db;
        new DuckDBCommand("CREATE TEMP TABLE IF NOT EXISTS progress_source AS SELECT range AS i FROM range(1000000)", db.Connection).ExecuteNonQuery();
    }

    // Runs for hours unless stopped; over a table because DuckDB reports progress only for scans that support it.
    private const string LongQuery = "SELECT count(*) FROM progress_source a, progress_source b WHERE hash(a.i + b.i) % 7 = 3";

    [Fact]
    public void CommandTimeout_stops_a_long_query_with_TimeoutException()
    {
        using var command = new DuckDBCommand(LongQuery, db.Connection) { CommandTimeout = 1 };
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<TimeoutException>(() => command.ExecuteScalar());

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(60));
        Assert.Contains("CommandTimeout of 1 s", error.Message);
        Assert.Equal(2, new DuckDBCommand("SELECT 2", db.Connection).ExecuteScalar());
    }

    [Fact]
    public async Task Cancel_from_another_thread_stops_the_query()
    {
        using var command = new DuckDBCommand(LongQuery, db.Connection);
        var running = Task.Run(() => command.ExecuteScalar());
        await WaitUntilRunningAsync();

        command.Cancel();

        await Assert.ThrowsAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(3, new DuckDBCommand("SELECT 3", db.Connection).ExecuteScalar());
    }

    [Fact]
    public async Task ExecuteReaderAsync_with_cancelled_token_stops_the_query()
    {
        using var command = new DuckDBCommand(LongQuery, db.Connection);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellation.Token);
            await reader.ReadAsync(cancellation.Token);
        }).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_token_cancelled_before_the_query_starts_still_stops_it()
    {
        // DuckDB forgets an interrupt that arrives before it starts a query; the command must apply it again.
        using var command = new DuckDBCommand(LongQuery, db.Connection);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => command.ExecuteReaderAsync(cancellation.Token).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(4, new DuckDBCommand("SELECT 4", db.Connection).ExecuteScalar());
    }

    [Fact]
    public async Task GetQueryProgress_reports_progress_while_a_query_runs()
    {
        using var command = new DuckDBCommand(LongQuery, db.Connection);
        var running = Task.Run(() => command.ExecuteScalar());
        var progress = await WaitUntilRunningAsync();
        command.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.InRange(progress.Percentage, 0, 100);
        Assert.True(progress.TotalRowsToProcess > 0);
    }

    private async Task<DuckDBQueryProgress> WaitUntilRunningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var progress = db.Connection.GetQueryProgress();
            if (progress.Percentage >= 0 && progress.RowsProcessed > 0)
            {
                return progress;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The query did not report progress within 30 s.");
    }
}
