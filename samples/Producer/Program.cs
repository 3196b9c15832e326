using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using OpenData.Samples;
using OpenData.Streaming.Kafka;

// Streams sample records to a Kafka topic as JSON at a chosen rate, until Ctrl+C or --count. See samples/README.md.
ProducerOptions options;
try
{
    if (ProducerOptions.Parse(args) is not { } parsed)
    {
        Console.WriteLine(ProducerOptions.Usage);
        return 0;
    }
    options = parsed;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ProducerOptions.Usage);
    return 2;
}
if (!KafkaNativeLibrary.IsAvailable)
{
    Console.Error.WriteLine(KafkaNativeLibrary.Error);
    return 1;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop producing, then deliver what is queued
    stop.Cancel();
};

long delivered = 0, failed = 0;
string? lastError = null;
void Delivered(DeliveryReport<string, byte[]> report)
{
    if (report.Error.IsError)
    {
        Interlocked.Increment(ref failed);
        lastError = report.Error.Reason;
    }
    else
    {
        Interlocked.Increment(ref delivered);
    }
}

// Idempotent, as a department's producer should be: a retried send is never written twice to the topic.
using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
{
    BootstrapServers = options.BootstrapServers,
    EnableIdempotence = true,
    LingerMs = 20,
    ClientId = "opendata-sample-producer",
}).SetErrorHandler((_, error) => Console.Error.WriteLine($"kafka: {error.Reason}")).Build();

var sample = options.Sample;
Console.WriteLine($"Producing {sample.Title.ToLowerInvariant()} ({sample.Department}/{sample.Slug}) to topic {options.Topic} at {options.BootstrapServers}: " +
    $"{options.Rate:0.##} a second from row {options.From:N0}{(options.Count is { } total ? $", {total:N0} records" : ", until Ctrl+C")}.");

var clock = Stopwatch.StartNew();
var row = options.From;
long produced = 0;
var nextReport = TimeSpan.FromSeconds(1);
while (!stop.IsCancellationRequested && produced < (options.Count ?? long.MaxValue))
{
    // Paced by the clock, not by sleeps: the rate holds whatever each round costs.
    var due = Math.Min((long)(clock.Elapsed.TotalSeconds * options.Rate) + 1, options.Count ?? long.MaxValue);
    while (produced < due)
    {
        try
        {
            producer.Produce(options.Topic, new Message<string, byte[]>
            {
                // The row's number keys it, so a record always goes to the same partition.
                Key = row.ToString(CultureInfo.InvariantCulture),
                Value = sample.JsonRecord(row),
            }, Delivered);
            row++;
            produced++;
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            producer.Poll(TimeSpan.FromMilliseconds(100)); // faster than the brokers take them: wait for room
        }
    }
    if (clock.Elapsed >= nextReport)
    {
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,5:0}s  produced {produced:N0} (rows {options.From:N0}-{row - 1:N0}), delivered {Interlocked.Read(ref delivered):N0}, failed {Interlocked.Read(ref failed):N0}{(lastError is null ? "" : $" ({lastError})")}");
        nextReport += TimeSpan.FromSeconds(1);
    }
    stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(10));
}

var left = producer.Flush(TimeSpan.FromSeconds(30));
Console.WriteLine($"Done: produced {produced:N0}, delivered {delivered:N0}, failed {failed:N0}{(left > 0 ? $", {left:N0} still queued" : "")}. " +
    $"To go on with new records: --from {row}");
return failed > 0 || left > 0 ? 1 : 0;
