using System.Data;
using OpenData.Lake.Query;

namespace OpenData.Lake.Tests;

/// <summary>A sandbox keeps its connections for user SQL between sessions, and only those nothing can still act on.</summary>
public sealed class QueryConnectionPoolTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pool-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_closed_session_leaves_its_connection_to_the_next_one_unless_it_may_not_be_reused()
    {
        var sandbox = await CreateAsync();
        var first = sandbox.OpenSession()!;
        sandbox.SessionClosed(first, reusable: true);

        var second = sandbox.OpenSession()!;
        Assert.Same(first, second);
        Assert.Equal(ConnectionState.Open, second.State);
        sandbox.SessionClosed(second, reusable: false);

        Assert.Equal(ConnectionState.Closed, second.State);
        var third = sandbox.OpenSession()!;
        Assert.NotSame(second, third);
        sandbox.SessionClosed(third, reusable: true);
        sandbox.Retire();
    }

    [Fact]
    public async Task Retiring_closes_the_kept_connections_and_one_given_back_later_and_then_the_sandbox()
    {
        var sandbox = await CreateAsync();
        var kept = sandbox.OpenSession()!;
        var running = sandbox.OpenSession()!;
        sandbox.SessionClosed(kept, reusable: true);

        sandbox.Retire();
        Assert.Null(sandbox.OpenSession());
        Assert.True(Directory.Exists(sandbox.Folder), "a session still runs");
        sandbox.SessionClosed(running, reusable: true);

        Assert.Equal(ConnectionState.Closed, kept.State);
        Assert.Equal(ConnectionState.Closed, running.State);
        Assert.False(Directory.Exists(sandbox.Folder));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<QuerySandbox> CreateAsync() =>
        QuerySandbox.CreateAsync(_folder, new HashSet<string>(), new QueryEngineOptions("64MB", 1, "10MB"), CancellationToken.None);
}
