using System.Diagnostics;
using Confluent.Kafka;

namespace OpenData.Bench.StreamThroughput;

/// <summary>
/// Produces JSON tickets to a topic, the i-th to partition i mod 16, never more than <c>maxLag</c> records ahead of
/// what the consumer reports done (the mock cluster keeps only about 5 MiB a partition and drops the oldest records
/// beyond it, so a producer running free would lose records before they are read) and, when given a rate, no faster
/// than that. With <c>probeEvery</c>, notes when each probe ticket (the ids divisible by it) was produced.
/// </summary>
internal sealed class PacedProducer(string bootstrapServers, int maxLag, int? probeEvery = null, double? rate = null)
{
    /// <summary>When each probe ticket was handed to the producer, on the run's clock.</summary>
    public Dictionary<long, TimeSpan> ProbesProduced { get; } = [];

    /// <summary>Produces tickets <paramref name="firstTicket"/>, … (the records, in order) and waits for their delivery;
    /// returns when the first one was produced.</summary>
    public TimeSpan Run(string topic, byte[][] records, long firstTicket, Func<long> done, Stopwatch clock)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            LingerMs = 5,
            BatchNumMessages = 10_000,
            QueueBufferingMaxMessages = 1_000_000,
        }).Build();
        var failed = 0L;
        void Delivered(DeliveryReport<Null, byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        }

        var started = clock.Elapsed;
        for (var i = 0; i < records.Length; i++)
        {
            while (i - done() > maxLag || (rate is { } perSecond && clock.Elapsed < started + TimeSpan.FromSeconds(i / perSecond)))
            {
                Thread.Sleep(1);
            }
            var ticket = firstTicket + i;
            if (probeEvery is { } every && ticket % every == 0)
            {
                ProbesProduced[ticket] = clock.Elapsed;
            }
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % BenchOptions.Partitions), new Message<Null, byte[]> { Value = records[i] }, Delivered);
                    break;
                }
                catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }
        if (producer.Flush(TimeSpan.FromSeconds(60)) > 0 || Interlocked.Read(ref failed) > 0)
        {
            throw new InvalidOperationException($"The producer could not deliver every record to {topic} ({failed} failed).");
        }
        return started;
    }
}
