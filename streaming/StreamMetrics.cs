using System.Collections.Concurrent;

namespace OpenData.Streaming;

/// <summary>
/// Live figures of the streams this instance consumes, written by the consumer thread and read by the API.
/// Streams are keyed by "department/dataset".
/// </summary>
public sealed class StreamMetrics(TimeProvider time)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Stream> _streams = new(StringComparer.Ordinal);

    public StreamMetrics() : this(TimeProvider.System)
    {
    }

    public static string Key(string department, string dataset) => department + "/" + dataset;

    /// <summary>The stream's state here; <c>waiting</c> with no partitions when this instance has none of it.</summary>
    public StreamStatus Read(string department, string dataset)
    {
        if (!_streams.TryGetValue(Key(department, dataset), out var stream))
        {
            return new StreamStatus("waiting", null, null, []);
        }
        lock (stream)
        {
            var now = time.GetUtcNow();
            var partitions = stream.Partitions.OrderBy(p => p.Key).Select(p => p.Value.Snapshot(p.Key, now)).ToList();
            var state = stream.RetryingUntil > now ? "retrying" : partitions.Any(p => p.Assigned) ? "running" : "waiting";
            return new StreamStatus(state, stream.LastError, stream.LastErrorAt, partitions);
        }
    }

    internal void Assigned(string key, IEnumerable<(int Partition, long? Next)> partitions) => Update(key, stream =>
    {
        foreach (var (partition, next) in partitions)
        {
            var metrics = stream.Partition(partition);
            metrics.Assigned = true;
            metrics.AssignedAt = time.GetUtcNow();
            metrics.Next = next;
        }
    });

    internal void Revoked(string key, IEnumerable<int> partitions) => Update(key, stream =>
    {
        foreach (var partition in partitions)
        {
            stream.Partition(partition).Assigned = false;
        }
    });

    internal void Committed(string key, int partition, long next, long rows, long rejects, DateTimeOffset newest) => Update(key, stream =>
    {
        var now = time.GetUtcNow();
        var metrics = stream.Partition(partition);
        metrics.Next = next;
        metrics.Records += rows;
        metrics.Rejects += rejects;
        metrics.Commits++;
        metrics.LastCommitAt = now;
        metrics.FreshnessMs = Math.Max(0, (now - newest).TotalMilliseconds);
        metrics.Recent.Enqueue((now, rows + rejects));
    });

    internal void Watermark(string key, int partition, long high) => Update(key, stream => stream.Partition(partition).High = high);

    internal void Failed(string key, string error, DateTimeOffset retryAt) => Update(key, stream =>
    {
        stream.LastError = error;
        stream.LastErrorAt = time.GetUtcNow();
        stream.RetryingUntil = retryAt;
    });

    private void Update(string key, Action<Stream> update)
    {
        var stream = _streams.GetOrAdd(key, _ => new Stream());
        lock (stream)
        {
            update(stream);
        }
    }

    private sealed class Stream
    {
        public Dictionary<int, Partition> Partitions { get; } = [];

        public string? LastError { get; set; }

        public DateTimeOffset? LastErrorAt { get; set; }

        public DateTimeOffset RetryingUntil { get; set; }

        public Partition Partition(int partition) =>
            Partitions.TryGetValue(partition, out var found) ? found : Partitions[partition] = new Partition();
    }

    private sealed class Partition
    {
        public bool Assigned { get; set; }

        public DateTimeOffset AssignedAt { get; set; }

        public long? Next { get; set; }

        public long? High { get; set; }

        public long Records { get; set; }

        public long Rejects { get; set; }

        public long Commits { get; set; }

        public DateTimeOffset? LastCommitAt { get; set; }

        public double? FreshnessMs { get; set; }

        public Queue<(DateTimeOffset At, long Records)> Recent { get; } = new();

        public PartitionMetrics Snapshot(int partition, DateTimeOffset now)
        {
            while (Recent.TryPeek(out var oldest) && now - oldest.At > RateWindow)
            {
                Recent.Dequeue();
            }
            // Over the last minute, or since assignment when that is shorter (at least a second).
            var window = Math.Max(1, Math.Min(RateWindow.TotalSeconds, (now - AssignedAt).TotalSeconds));
            var lag = High is { } high && Next is { } next ? Math.Max(0, high - next) : (long?)null;
            return new PartitionMetrics(partition, Assigned, Next, High, lag, Records, Rejects, Commits,
                Math.Round(Recent.Sum(r => r.Records) / window, 1), LastCommitAt, FreshnessMs);
        }
    }
}
