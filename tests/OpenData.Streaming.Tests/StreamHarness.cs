using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;

namespace OpenData.Streaming.Tests;

/// <summary>
/// A real catalog and lake in a temp folder, a dataset bound to a topic, and stream consumers ("instances")
/// started and stopped at will; rows are read back from the current version's Parquet files.
/// </summary>
public sealed class StreamHarness : IAsyncDisposable
{
    private readonly List<(CancellationTokenSource Stop, Thread Thread, StreamMetrics Metrics)> _instances = [];
    private readonly string _bootstrapServers;

    private StreamHarness(string folder, SqliteCatalogStore catalog, string topic, string bootstrapServers)
    {
        Folder = folder;
        Catalog = catalog;
        Topic = topic;
        _bootstrapServers = bootstrapServers;
        Lake = new LakeWriter(catalog, new LakeOptions { DataDirectory = folder });
    }

    public string Folder { get; }

    public SqliteCatalogStore Catalog { get; }

    public LakeWriter Lake { get; }

    public string Topic { get; }

    /// <summary>What one instance reports of its own partitions.</summary>
    public StreamMetrics Metrics(int instance) => _instances[instance].Metrics;

    public List<string> Errors { get; } = [];

    public KafkaOptions Options => new()
    {
        GroupId = "group-" + Topic,
        StreamsRefreshInterval = TimeSpan.FromMilliseconds(200),
        RetryDelay = TimeSpan.FromMilliseconds(300),
        BatchMemoryLimit = "256MB",
        Settings = new() { ["session.timeout.ms"] = "6000", ["heartbeat.interval.ms"] = "500" },
    };

    public static async Task<StreamHarness> StartAsync(
        string bootstrapServers, string topic, IReadOnlyList<ContractColumn>? contract = null, int flushMs = 200, int flushSize = 50_000)
    {
        var folder = Path.Combine(Path.GetTempPath(), "stream-tests-" + Guid.NewGuid().ToString("N"));
        var catalog = await SqliteCatalogStore.OpenAsync(folder);
        await catalog.CreateDepartmentAsync(new Department("transport", "Transport", "data@transport.example"));
        await catalog.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "tickets", Title = "Tickets", Contract = contract });
        await catalog.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "tickets-rejects", Title = "Rejects" });
        await catalog.PutStreamAsync(new StreamBinding
        {
            Department = "transport", Dataset = "tickets", Topic = topic, RejectsDataset = "tickets-rejects",
            FlushInterval = TimeSpan.FromMilliseconds(flushMs), FlushSize = flushSize,
        });
        return new StreamHarness(folder, catalog, topic, bootstrapServers);
    }

    /// <summary>Starts one more consumer, as another platform instance would; returns its index.</summary>
    public int StartInstance()
    {
        var stop = new CancellationTokenSource();
        var logger = new ErrorCollector(Errors);
        var metrics = new StreamMetrics();
        var thread = new Thread(() =>
        {
            using var consumer = new StreamConsumer(Options, _bootstrapServers, Catalog, Lake, metrics, logger);
            consumer.Run(stop.Token);
        }) { IsBackground = true, Name = "stream-consumer" };
        thread.Start();
        _instances.Add((stop, thread, metrics));
        return _instances.Count - 1;
    }

    /// <summary>A clean stop: the instance commits what it holds and leaves the group.</summary>
    public void StopInstance(int index)
    {
        var (stop, thread, _) = _instances[index];
        stop.Cancel();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "The consumer did not stop within 30 s.");
    }

    public static IProducer<Null, string> Producer(string bootstrapServers) =>
        new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5 }).Build();

    public static string Ticket(long id) =>
        $$"""{"ticket_id": {{id}}, "issued_at": "2024-03-{{1 + id % 28:00}} 10:{{id % 60:00}}:00", "district": "district-{{id % 16}}", "fine": {{20 + id % 200}}.50}""";

    /// <summary>Produces tickets [from, to) round-robin over the partitions and waits until the broker has them.</summary>
    public async Task ProduceAsync(IProducer<Null, string> producer, long from, long to, int partitions = 4, Func<long, string>? payload = null)
    {
        var sent = new List<Task>();
        for (var id = from; id < to; id++)
        {
            sent.Add(producer.ProduceAsync(new TopicPartition(Topic, new Partition((int)(id % partitions))),
                new Message<Null, string> { Value = (payload ?? Ticket)(id) }));
        }
        await Task.WhenAll(sent);
    }

    /// <summary>Rows of a dataset's current version: the query over its internal Parquet files.</summary>
    public async Task<List<object?[]>> QueryAsync(string dataset, string select)
    {
        var current = (await Catalog.GetDatasetAsync("transport", dataset))!.CurrentVersion;
        if (current is null)
        {
            return [];
        }
        var version = (await Catalog.GetVersionAsync("transport", dataset, current.Value))!;
        var files = version.Files.Where(f => f.Path.StartsWith("internal/", StringComparison.Ordinal))
            .Select(f => "'" + Lake.Layout.ToFullPath(f.Path) + "'");
        using var connection = new DuckDBConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = select.Replace("{rows}", $"read_parquet([{string.Join(", ", files)}], union_by_name = true)");
        using var reader = command.ExecuteReader();
        return reader.ReadRows();
    }

    /// <summary>(rows, distinct ticket ids) in the dataset.</summary>
    public async Task<(long Rows, long Distinct)> CountAsync()
    {
        var rows = await QueryAsync("tickets", "SELECT count(*), count(DISTINCT ticket_id) FROM {rows}");
        return rows.Count == 0 ? (0, 0) : ((long)rows[0][0]!, (long)rows[0][1]!);
    }

    /// <summary>Waits until the dataset holds <paramref name="expected"/> rows, and fails if it holds more.</summary>
    public async Task<(long Rows, long Distinct)> WaitForRowsAsync(long expected, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        (long Rows, long Distinct) counts;
        do
        {
            counts = await CountAsync();
            Assert.True(counts.Rows <= expected, $"{counts.Rows} rows, more than the {expected} produced.");
            if (counts.Rows == expected)
            {
                return counts;
            }
            await Task.Delay(100);
        }
        while (clock.Elapsed < timeout);
        Assert.Fail($"{counts.Rows} of {expected} rows after {timeout}; consumer errors: {string.Join(" | ", Errors.TakeLast(5))}");
        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _instances.Count; i++)
        {
            if (!_instances[i].Stop.IsCancellationRequested)
            {
                StopInstance(i);
            }
        }
        Catalog.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Keeps the consumer's warnings and errors for failure messages.</summary>
    private sealed class ErrorCollector(List<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (errors)
                {
                    errors.Add(new StringBuilder(formatter(state, exception)).Append(exception is null ? "" : " " + exception.Message).ToString());
                }
            }
        }
    }
}
