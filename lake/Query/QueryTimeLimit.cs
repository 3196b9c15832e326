using System.Diagnostics;

namespace OpenData.Lake.Query;

/// <summary>
/// A query's time limit: a token cancelled at the deadline by one dedicated thread rather than by a thread-pool timer.
/// DuckDB blocks a pool thread for as long as a query runs, so on a busy server the pool can be starved and a timer
/// fire seconds late; cancelling from this thread runs the token's callbacks (duckdb_interrupt) at the deadline.
/// </summary>
public sealed class QueryTimeLimit : IDisposable
{
    private static readonly SortedSet<QueryTimeLimit> Waiting = new(Comparer<QueryTimeLimit>.Create(
        static (a, b) => a._due != b._due ? a._due.CompareTo(b._due) : a._order.CompareTo(b._order)));

    private static long _lastOrder;

    private readonly CancellationTokenSource _source = new();
    private readonly long _due;
    private readonly long _order = Interlocked.Increment(ref _lastOrder);

    static QueryTimeLimit() => new Thread(CancelWhenDue) { IsBackground = true, Name = "Query time limits" }.Start();

    /// <summary>Starts the clock: <see cref="Token"/> is cancelled once <paramref name="limit"/> has passed.</summary>
    public QueryTimeLimit(TimeSpan limit)
    {
        _due = Stopwatch.GetTimestamp() + (long)Math.Min(Math.Max(limit.TotalSeconds, 0) * Stopwatch.Frequency, long.MaxValue / 2);
        lock (Waiting)
        {
            Waiting.Add(this);
            if (Waiting.Min == this)
            {
                Monitor.Pulse(Waiting);
            }
        }
    }

    /// <summary>Cancelled when the limit has passed.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the limit has passed.</summary>
    public bool IsExceeded => _source.IsCancellationRequested;

    public void Dispose()
    {
        lock (Waiting)
        {
            Waiting.Remove(this);
        }
        _source.Dispose();
    }

    private static TimeSpan TimeUntil(long timestamp) =>
        TimeSpan.FromSeconds(Math.Clamp((double)(timestamp - Stopwatch.GetTimestamp()) / Stopwatch.Frequency, 0, int.MaxValue / 1000.0));

    private static void CancelWhenDue()
    {
        while (true)
        {
            QueryTimeLimit due;
            lock (Waiting)
            {
                while (Waiting.Min is not { } first || first._due > Stopwatch.GetTimestamp())
                {
                    Monitor.Wait(Waiting, Waiting.Min is { } next ? TimeUntil(next._due) : Timeout.InfiniteTimeSpan);
                }
                due = Waiting.Min;
                Waiting.Remove(due);
            }
            try
            {
                due._source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Disposed while its deadline passed: the query it limited has ended.
            }
            catch (AggregateException)
            {
                // A callback's own failure reaches whoever awaits the token; this thread serves every other limit.
            }
        }
    }
}
