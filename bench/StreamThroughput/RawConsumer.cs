using System.Diagnostics;
using Confluent.Kafka;

namespace OpenData.Bench.StreamThroughput;

/// <summary>
/// The reference: a bare Confluent consumer loop over every partition of the topic from the beginning, counting the
/// records and doing nothing else with them; the platform consumer's client settings (no automatic commits or offset
/// stores, earliest offset), with the partitions assigned instead of a group joined.
/// </summary>
internal sealed class RawConsumer(string bootstrapServers)
{
    private long _consumed;

    public long Consumed => Interlocked.Read(ref _consumed);

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
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Value: not null })
            {
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
