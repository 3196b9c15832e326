using System.Diagnostics;
using OpenData.Lake.Query;

namespace OpenData.Lake.Tests;

public sealed class QueryTimeLimitTests
{
    [Fact]
    public async Task The_token_is_cancelled_once_the_limit_has_passed_by_a_thread_outside_the_pool()
    {
        var clock = Stopwatch.StartNew();
        using var limit = new QueryTimeLimit(TimeSpan.FromMilliseconds(100));
        var cancelledOn = new TaskCompletionSource<Thread>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = limit.Token.Register(() => cancelledOn.SetResult(Thread.CurrentThread));

        var thread = await cancelledOn.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(100), $"cancelled after {clock.Elapsed}");
        Assert.False(thread.IsThreadPoolThread);
        Assert.Equal("Query time limits", thread.Name);
        Assert.True(limit.IsExceeded);
    }

    [Fact]
    public async Task A_limit_disposed_before_its_deadline_never_passes_nor_holds_up_the_others()
    {
        using var later = new QueryTimeLimit(TimeSpan.FromMinutes(5));
        var disposed = new QueryTimeLimit(TimeSpan.FromMilliseconds(50));
        var disposedToken = disposed.Token;
        disposed.Dispose();
        using var sooner = new QueryTimeLimit(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(30), sooner.Token));

        Assert.False(disposedToken.IsCancellationRequested);
        Assert.False(later.IsExceeded);
    }
}
