using System.Diagnostics;
using Confluent.Kafka;

namespace OpenData.Bench.StreamThroughput;

/// <summary>
/// The reference: a bare Confluent consumer loop over every partition of the topic from the beginning, counting the
/// records and their bytes and doing nothing else with them, with the same client settings the platform's consumer has.
/// </summary>
internal sealed class RawConsumer(string bootstrapServers)
{
    private long _consumed;

    public long Consumed => Interlocked.Read(ref _consumed);

    public long Bytes { get; private set; }

    /// <summary>Reads until <paramref name="records"/> records came; returns when the last one did.</summary>
    public TimeSpan Run(string topic, int records, Stopwatch clock, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-raw-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(Enumerable.Range(0, BenchOptions.Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = clock.Elapsed + timeout;
        while (Consumed < records)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Value: { } value })
            {
                Bytes += value.Length;
                Interlocked.Increment(ref _consumed);
            }
            else if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"The raw consumer read {Consumed:N0} of {records:N0} records in {timeout.TotalSeconds:0} s.");
            }
        }
        var last = clock.Elapsed;
        consumer.Close();
        return last;
    }
}
