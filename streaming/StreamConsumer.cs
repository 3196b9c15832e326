using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;
using OpenData.Streaming.Kafka;

namespace OpenData.Streaming;

/// <summary>
/// One Kafka consumer for every stream bound in the catalog, in the shared group, on one thread: records are
/// gathered per topic and committed to the lake per stream when its flush interval or size is reached. Batches are
/// parsed and committed on other threads while the next ones are read: per stream, up to two at a time, one being
/// parsed while the one before it is written, and always committed in order.
/// Exactly once into the lake: on assignment it seeks to the offsets the catalog holds; on revocation it commits
/// its batches first; a failed commit throws its batch away, and the records read after it, and reads again from the
/// catalog's offsets; and the catalog refuses offsets a dataset already holds. Kafka's committed offsets follow, for
/// lag tools only.
/// </summary>
public sealed class StreamConsumer : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WatermarkInterval = TimeSpan.FromSeconds(1);
    private const int BatchesInFlight = 2;

    private readonly KafkaOptions _options;
    private readonly ICatalogStore _catalog;
    private readonly StreamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly StreamBatchCommitter _committer;
    private readonly IConsumer<Ignore, byte[]> _consumer;
    private readonly BatchConnections _connections;
    private readonly Dictionary<string, Runtime> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<TopicPartition, DateTimeOffset> _paused = [];
    private DateTimeOffset _nextRefresh = DateTimeOffset.MinValue;
    private DateTimeOffset _nextWatermarks = DateTimeOffset.MinValue;
    private CancellationToken _stopping;

    /// <exception cref="DllNotFoundException">librdkafka is missing.</exception>
    public StreamConsumer(
        KafkaOptions options, string bootstrapServers, ICatalogStore catalog, LakeWriter lake, StreamMetrics metrics,
        ILogger logger, TimeProvider? time = null)
    {
        KafkaNativeLibrary.EnsureLoaded();
        _options = options;
        _catalog = catalog;
        _metrics = metrics;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _committer = new StreamBatchCommitter(catalog, lake, new JsonBatchParser(Path.Combine(lake.Layout.StagingFolder, "streams")));
        _connections = new BatchConnections(BatchesInFlight, new DuckDBConnectionStringBuilder
        {
            DataSource = DuckDBConnection.InMemory,
            ["memory_limit"] = options.BatchMemoryLimit,
            ["temp_directory"] = Path.Combine(lake.Layout.StagingFolder, "duckdb"),
        }.ConnectionString);
        _consumer = new ConsumerBuilder<Ignore, byte[]>(Config(options, bootstrapServers))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .SetErrorHandler((_, error) => _logger.Log(
                error.IsFatal ? LogLevel.Error : LogLevel.Warning, "Kafka: {Reason} ({Code}).", error.Reason, error.Code))
            .SetLogHandler((_, message) => _logger.LogDebug("librdkafka {Facility}: {Message}", message.Facility, message.Message))
            .Build();
    }

    /// <summary>Consumes until <paramref name="stopping"/> is cancelled, then commits what it holds and leaves the group.</summary>
    public void Run(CancellationToken stopping)
    {
        _stopping = stopping;
        while (!stopping.IsCancellationRequested)
        {
            RefreshStreamsWhenDue();
            if (_streams.Count == 0)
            {
                stopping.WaitHandle.WaitOne(PollTimeout);
                continue;
            }
            try
            {
                // Records before the dataset's position are in the lake already (a seek never goes there; this is a guard).
                if (_consumer.Consume(PollTimeout) is { IsPartitionEOF: false, Message: not null } result
                    && _streams.TryGetValue(result.Topic, out var stream)
                    && stream.Partitions.TryGetValue(result.Partition.Value, out var state)
                    && result.Offset.Value >= (state.RowsNext ?? 0))
                {
                    stream.Batch.Add(result.Partition.Value, result.Offset.Value, result.Message.Timestamp.UtcDateTime,
                        result.Message.Value, _time.GetUtcNow());
                }
            }
            catch (ConsumeException e)
            {
                _logger.LogWarning("Kafka: could not consume from {Partition}: {Reason}.", e.ConsumerRecord?.TopicPartition, e.Error.Reason);
            }
            FlushDue();
            ResumeDue();
            RecordWatermarksWhenDue();
        }

        // A clean stop: what is held goes to the lake before the partitions go to another instance.
        _stopping = CancellationToken.None;
        foreach (var stream in _streams.Values)
        {
            Drain(stream);
        }
        _consumer.Close();
    }

    public void Dispose()
    {
        // A commit still running (Run left by an exception) must not lose its connection under it; how it ended
        // does not matter here: the catalog holds the truth.
        foreach (var running in _streams.Values.SelectMany(stream => stream.Committing))
        {
            ((IAsyncResult)running.Commit).AsyncWaitHandle.WaitOne();
        }
        _consumer.Dispose();
        _connections.Dispose();
    }

    private static ConsumerConfig Config(KafkaOptions options, string bootstrapServers)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = options.GroupId,
            // The catalog holds the truth: Kafka's offsets are committed by hand after each lake commit.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            ClientId = "opendata-" + Environment.MachineName,
        };
        foreach (var (name, value) in options.Settings)
        {
            config.Set(name, value);
        }
        return config;
    }

    private void RefreshStreamsWhenDue()
    {
        var now = _time.GetUtcNow();
        if (now < _nextRefresh)
        {
            return;
        }
        _nextRefresh = now + _options.StreamsRefreshInterval;
        IReadOnlyList<StreamBinding> bound;
        try
        {
            bound = Run(token => _catalog.ListStreamsAsync(token));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Could not read the streams from the catalog; trying again in {Interval}.", _options.StreamsRefreshInterval);
            return;
        }

        var topics = bound.Select(s => s.Topic).ToHashSet(StringComparer.Ordinal);
        var changed = !topics.SetEquals(_streams.Keys)
            || bound.Any(s => _streams[s.Topic].Binding is var old && (old.Department, old.Dataset, old.RejectsDataset) != (s.Department, s.Dataset, s.RejectsDataset));
        if (!changed)
        {
            foreach (var stream in bound)
            {
                _streams[stream.Topic].Binding = stream; // flush settings may have changed
            }
            return;
        }

        // The subscription changes: every partition is revoked (and committed) first, by the rebalance.
        foreach (var stream in _streams.Values)
        {
            Drain(stream);
        }
        _consumer.Unsubscribe();
        _streams.Clear();
        foreach (var stream in bound)
        {
            _streams[stream.Topic] = new Runtime(stream);
        }
        if (topics.Count > 0)
        {
            _consumer.Subscribe(topics);
            _logger.LogInformation("Consuming {Count} stream(s) in group '{Group}': {Topics}.", topics.Count, _options.GroupId, string.Join(", ", topics.Order()));
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<Ignore, byte[]> consumer, List<TopicPartition> partitions)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var group in partitions.GroupBy(p => p.Topic))
        {
            if (!_streams.TryGetValue(group.Key, out var stream))
            {
                offsets.AddRange(group.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
                continue;
            }
            var positions = ReadPositions(stream);
            foreach (var partition in group)
            {
                var state = positions.TryGetValue(partition.Partition.Value, out var found) ? found : new StreamPartitionState();
                stream.Partitions[partition.Partition.Value] = state;
                offsets.Add(new TopicPartitionOffset(partition, state.ReadFrom is { } next ? new Offset(next) : Offset.Beginning));
            }
            _metrics.Assigned(stream.Key, group.Select(p => (p.Partition.Value, stream.Partitions[p.Partition.Value].Flushed)));
            _logger.LogInformation("Assigned {Topic} partitions {Partitions}, from the catalog's offsets {Offsets}.",
                group.Key, string.Join(",", group.Select(p => p.Partition.Value)),
                string.Join(",", group.Select(p => stream.Partitions[p.Partition.Value].ReadFrom?.ToString() ?? "beginning")));
        }
        return offsets;
    }

    private void OnRevoked(IConsumer<Ignore, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        foreach (var group in partitions.GroupBy(p => p.Topic))
        {
            if (_streams.TryGetValue(group.Key, out var stream))
            {
                Drain(stream);
                Forget(stream, group.Select(p => p.Partition.Value).ToList());
            }
        }
    }

    /// <summary>Lost, not revoked: another member may own them already, so nothing held is committed.</summary>
    private void OnLost(IConsumer<Ignore, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        foreach (var group in partitions.GroupBy(p => p.Topic))
        {
            if (_streams.TryGetValue(group.Key, out var stream))
            {
                _logger.LogWarning("Lost {Topic} partitions {Partitions}; their uncommitted records are left to the new owner.",
                    group.Key, string.Join(",", group.Select(p => p.Partition.Value)));
                // Commits already running end either way (the catalog refuses offsets the new owner took first).
                while (stream.Committing.Count > 0)
                {
                    Complete(stream, rewind: false);
                }
                Forget(stream, group.Select(p => p.Partition.Value).ToList());
            }
        }
    }

    private void Forget(Runtime stream, List<int> partitions)
    {
        stream.Batch.Drop(partitions);
        foreach (var partition in partitions)
        {
            stream.Partitions.Remove(partition);
            _paused.Remove(new TopicPartition(stream.Binding.Topic, partition));
        }
        _metrics.Revoked(stream.Key, partitions);
    }

    private void FlushDue()
    {
        var now = _time.GetUtcNow();
        foreach (var stream in _streams.Values)
        {
            while (stream.Committing.TryPeek(out var oldest) && oldest.Commit.IsCompleted)
            {
                Complete(stream, rewind: true);
            }
            var batch = stream.Batch;
            var full = batch.Count >= stream.Binding.FlushSize;
            if (!full && !(batch.StartedAt is { } started && now - started >= stream.Binding.FlushInterval))
            {
                continue;
            }
            if (stream.Committing.Count >= BatchesInFlight)
            {
                if (!full)
                {
                    continue; // due by time: it goes as soon as the oldest commit is done
                }
                Complete(stream, rewind: true); // full: reading waits for the oldest commit
            }
            if (stream.Batch.Count > 0)
            {
                StartCommit(stream);
            }
        }
    }

    /// <summary>Commits what the stream holds and waits for it: before its partitions go, and when stopping.</summary>
    private void Drain(Runtime stream)
    {
        while (stream.Committing.Count > 0)
        {
            Complete(stream, rewind: false);
        }
        if (stream.Batch.Count > 0)
        {
            StartCommit(stream);
            Complete(stream, rewind: false);
        }
    }

    /// <summary>
    /// Hands the stream's batch to another thread and starts a new batch. It is parsed once the batch before it (if
    /// still in flight) is, on a connection of its own, and committed once that batch is, from the positions that
    /// commit left; it moves copies of the partitions' states, which <see cref="Complete"/> takes over on this thread.
    /// </summary>
    private void StartCommit(Runtime stream)
    {
        var batch = stream.Batch;
        stream.Batch = new StreamBatch(stream.Binding.Topic);
        var states = batch.Partitions.Keys.ToDictionary(p => p, p => stream.Partitions[p].Copy());
        var before = stream.Committing.LastOrDefault();
        var columns = new TaskCompletionSource<IReadOnlyList<StreamColumn>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (binding, stopping) = (stream.Binding, _stopping);
        var commit = Task.Run(() => ParseAndCommitAsync(binding, batch, states, before, columns, stopping));
        stream.Committing.Enqueue(new InFlight(batch, states, columns.Task, commit));
    }

    private async Task<BatchOutcome> ParseAndCommitAsync(
        StreamBinding binding, StreamBatch batch, Dictionary<int, StreamPartitionState> states, InFlight? before,
        TaskCompletionSource<IReadOnlyList<StreamColumn>> columns, CancellationToken cancellationToken)
    {
        try
        {
            var columnsBefore = before is null ? null : await before.Columns;
            using var lease = await _connections.TakeAsync(cancellationToken);
            var parsed = await _committer.ParseAsync(lease.Connection, binding, batch, columnsBefore, states, cancellationToken);
            columns.SetResult(parsed.Columns);
            if (before is not null)
            {
                // A batch committed after one that failed would skip that one's records: its failure is this one's.
                await before.Commit;
                foreach (var (partition, state) in before.States.Where(p => states.ContainsKey(p.Key)))
                {
                    states[partition] = state.Copy();
                }
            }
            return await _committer.CommitAsync(lease.Connection, binding, batch, parsed, states, cancellationToken);
        }
        catch (Exception e)
        {
            columns.TrySetException(e);
            throw;
        }
    }

    /// <summary>
    /// Waits for the stream's oldest commit. On failure the batches after it fail with it: they are thrown away together
    /// with the records of their partitions read since, and, with <paramref name="rewind"/>, those partitions wait
    /// <see cref="KafkaOptions.RetryDelay"/> and then read again from the catalog's offsets.
    /// </summary>
    private void Complete(Runtime stream, bool rewind)
    {
        if (!stream.Committing.TryDequeue(out var oldest))
        {
            return;
        }
        var (batch, states, _, commit) = oldest;
        BatchOutcome outcome;
        try
        {
            outcome = commit.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            var partitions = batch.Partitions.Keys.ToHashSet();
            while (stream.Committing.TryDequeue(out var after))
            {
                ((IAsyncResult)after.Commit).AsyncWaitHandle.WaitOne();
                partitions.UnionWith(after.Batch.Partitions.Keys);
            }
            stream.Batch.Drop(partitions);
            if (e is OperationCanceledException)
            {
                return; // only stopping cancels a commit: the next owner reads these records again from the catalog's offsets
            }
            var retryAt = _time.GetUtcNow() + _options.RetryDelay;
            _metrics.Failed(stream.Key, e.Message, retryAt);
            _logger.LogError(e, "Stream {Topic} could not commit a batch to {Dataset}; it is read again from the catalog's offsets.",
                stream.Binding.Topic, stream.Key);
            if (rewind)
            {
                Rewind(stream, [.. partitions], retryAt);
            }
            return;
        }

        foreach (var (partition, state) in states)
        {
            if (stream.Partitions.TryGetValue(partition, out var live))
            {
                (live.RowsNext, live.RejectsNext) = (state.RowsNext, state.RejectsNext);
            }
        }
        foreach (var (partition, (_, last, newest)) in batch.Partitions)
        {
            var records = batch.Messages.Count(m => m.Partition == partition);
            var rejects = outcome.RejectsByPartition.GetValueOrDefault(partition);
            _metrics.Committed(stream.Key, partition, last + 1, records - rejects, rejects, newest);
        }
        if (outcome.AddedColumns.Count > 0)
        {
            _logger.LogInformation("Stream {Topic} added column(s) {Columns} to {Dataset}.", stream.Binding.Topic,
                string.Join(", ", outcome.AddedColumns.Select(c => $"{c.Name} {c.Type}")), stream.Key);
        }
        _logger.LogDebug("Stream {Topic}: {Rows} rows and {Rejects} rejects committed (version {Version}).",
            stream.Binding.Topic, outcome.Rows, outcome.Rejects, outcome.Version);
        CommitToKafka(batch);
    }

    /// <summary>Seeks the partitions back to the catalog's offsets and pauses them until <paramref name="retryAt"/>.</summary>
    private void Rewind(Runtime stream, List<int> partitions, DateTimeOffset retryAt)
    {
        Dictionary<int, StreamPartitionState> positions;
        try
        {
            positions = ReadPositions(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Could not read the offsets of {Dataset}: the consumer starts again.", stream.Key);
            throw;
        }
        foreach (var partition in partitions.Where(stream.Partitions.ContainsKey))
        {
            var state = positions.TryGetValue(partition, out var found) ? found : new StreamPartitionState();
            stream.Partitions[partition] = state;
            var topicPartition = new TopicPartition(stream.Binding.Topic, partition);
            _consumer.Seek(new TopicPartitionOffset(topicPartition, state.ReadFrom is { } next ? new Offset(next) : Offset.Beginning));
            _consumer.Pause([topicPartition]);
            _paused[topicPartition] = retryAt;
        }
    }

    private void ResumeDue()
    {
        if (_paused.Count == 0)
        {
            return;
        }
        var now = _time.GetUtcNow();
        var due = _paused.Where(p => p.Value <= now).Select(p => p.Key).ToList();
        if (due.Count > 0)
        {
            _consumer.Resume(due);
            due.ForEach(p => _paused.Remove(p));
        }
    }

    /// <summary>For lag tools only: failures are logged, since the catalog's offsets are what counts.</summary>
    private void CommitToKafka(StreamBatch batch)
    {
        try
        {
            _consumer.Commit(batch.Partitions.Select(p => new TopicPartitionOffset(batch.Topic, p.Key, p.Value.Last + 1)));
        }
        catch (KafkaException e)
        {
            _logger.LogDebug("Kafka did not take the committed offsets of {Topic}: {Reason}.", batch.Topic, e.Error.Reason);
        }
    }

    private void RecordWatermarksWhenDue()
    {
        var now = _time.GetUtcNow();
        if (now < _nextWatermarks)
        {
            return;
        }
        _nextWatermarks = now + WatermarkInterval;
        foreach (var stream in _streams.Values)
        {
            foreach (var partition in stream.Partitions.Keys)
            {
                // Cached from fetch responses: no request to the broker.
                var high = _consumer.GetWatermarkOffsets(new TopicPartition(stream.Binding.Topic, partition)).High;
                if (high != Offset.Unset)
                {
                    _metrics.Watermark(stream.Key, partition, high.Value);
                }
            }
        }
    }

    private Dictionary<int, StreamPartitionState> ReadPositions(Runtime stream)
    {
        var binding = stream.Binding;
        var rows = Run(token => _catalog.GetStreamPositionsAsync(binding.Department, binding.Dataset, token));
        var rejects = Run(token => _catalog.GetStreamPositionsAsync(binding.Department, binding.RejectsDataset, token));
        var positions = new Dictionary<int, StreamPartitionState>();
        foreach (var position in rows.Where(p => p.Topic == binding.Topic))
        {
            positions[position.Partition] = new StreamPartitionState { RowsNext = position.NextOffset };
        }
        foreach (var position in rejects.Where(p => p.Topic == binding.Topic))
        {
            (positions.TryGetValue(position.Partition, out var state) ? state : positions[position.Partition] = new()).RejectsNext = position.NextOffset;
        }
        return positions;
    }

    /// <summary>Runs catalog and lake work to the end on this thread (its own, with no synchronisation context).</summary>
    private T Run<T>(Func<CancellationToken, Task<T>> work) => work(_stopping).GetAwaiter().GetResult();

    /// <summary>A batch handed to another thread: the states its commit moves, its columns once parsed, and the commit.</summary>
    private sealed record InFlight(
        StreamBatch Batch, Dictionary<int, StreamPartitionState> States, Task<IReadOnlyList<StreamColumn>> Columns, Task<BatchOutcome> Commit);

    private sealed class Runtime(StreamBinding binding)
    {
        public StreamBinding Binding { get; set; } = binding;

        public string Key => StreamMetrics.Key(Binding.Department, Binding.Dataset);

        /// <summary>The records read since the last batch went to be committed.</summary>
        public StreamBatch Batch { get; set; } = new(binding.Topic);

        public Dictionary<int, StreamPartitionState> Partitions { get; } = [];

        /// <summary>The batches being parsed and committed on other threads, oldest first.</summary>
        public Queue<InFlight> Committing { get; } = new();
    }
}
