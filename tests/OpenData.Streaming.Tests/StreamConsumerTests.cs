using System.Diagnostics;
using OpenData.Catalog;
using OpenData.Streaming.Kafka;
using Xunit.Abstractions;

namespace OpenData.Streaming.Tests;

/// <summary>Records produced to the mock cluster land in the lake exactly once, whatever the broker does.</summary>
public sealed class StreamConsumerTests(MockClusterFixture kafka, ITestOutputHelper output) : IClassFixture<MockClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Produced_records_land_once_each_with_their_offsets_in_the_catalog()
    {
        await using var harness = await StreamHarness.StartAsync(kafka.BootstrapServers, kafka.Topic());
        using var producer = StreamHarness.Producer(kafka.BootstrapServers);
        harness.StartInstance();
        var clock = Stopwatch.StartNew();

        await harness.ProduceAsync(producer, 0, 5_000);
        var (rows, distinct) = await harness.WaitForRowsAsync(5_000, Timeout);

        output.WriteLine($"5,000 records in the lake after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(5_000, distinct);
        var positions = await harness.Catalog.GetStreamPositionsAsync("transport", "tickets");
        Assert.Equal(5_000, positions.Sum(p => p.NextOffset));
        var types = await harness.QueryAsync("tickets", "SELECT typeof(ticket_id), typeof(issued_at), typeof(fine) FROM {rows} LIMIT 1");
        Assert.Equal(["BIGINT", "TIMESTAMP", "DOUBLE"], types[0]);
    }

    [Fact]
    public async Task A_broker_down_and_up_mid_stream_loses_and_repeats_nothing()
    {
        await using var harness = await StreamHarness.StartAsync(kafka.BootstrapServers, kafka.Topic());
        using var producer = StreamHarness.Producer(kafka.BootstrapServers);
        harness.StartInstance();
        await harness.ProduceAsync(producer, 0, 1_000);
        await harness.WaitForRowsAsync(1_000, Timeout);

        kafka.Cluster.SetBrokerDown(1);
        var during = harness.ProduceAsync(producer, 1_000, 2_000); // the producer holds them until the broker is back
        await Task.Delay(2_000);
        kafka.Cluster.SetBrokerUp(1);
        await during;
        await harness.ProduceAsync(producer, 2_000, 3_000);

        var (_, distinct) = await harness.WaitForRowsAsync(3_000, Timeout);
        Assert.Equal(3_000, distinct);
    }

    [Fact]
    public async Task Injected_fetch_and_commit_errors_lose_and_repeat_nothing()
    {
        await using var harness = await StreamHarness.StartAsync(kafka.BootstrapServers, kafka.Topic());
        using var producer = StreamHarness.Producer(kafka.BootstrapServers);
        harness.StartInstance();
        await harness.ProduceAsync(producer, 0, 500);
        await harness.WaitForRowsAsync(500, Timeout);

        // NOT_LEADER_FOR_PARTITION (6), REQUEST_TIMED_OUT (7), and a transport failure (-195) on fetches;
        // NOT_COORDINATOR (16) and REBALANCE_IN_PROGRESS (27) on Kafka offset commits.
        kafka.Cluster.PushRequestErrors(KafkaRequest.Fetch, 6, 7, -195, 6, 7);
        kafka.Cluster.PushRequestErrors(KafkaRequest.OffsetCommit, 16, 27, 16);
        await harness.ProduceAsync(producer, 500, 3_000);

        var (_, distinct) = await harness.WaitForRowsAsync(3_000, Timeout);
        Assert.Equal(3_000, distinct);
    }

    [Fact]
    public async Task A_failed_lake_commit_throws_away_the_records_read_while_it_ran_and_reads_them_again()
    {
        await using var harness = await StreamHarness.StartAsync(kafka.BootstrapServers, kafka.Topic());
        using var producer = StreamHarness.Producer(kafka.BootstrapServers);
        var commits = 0;
        harness.Lake.BeforeCatalogCommit = async cancellationToken =>
        {
            if (Interlocked.Increment(ref commits) == 3)
            {
                // Long enough for the batches after it to be read meanwhile: they must not land in its place.
                await Task.Delay(1_500, cancellationToken);
                throw new IOException("simulated failure of a lake commit");
            }
        };
        harness.StartInstance();
        await harness.ProduceAsync(producer, 0, 200);
        await harness.WaitForRowsAsync(200, Timeout);

        for (var chunk = 1; chunk < 20; chunk++)
        {
            await harness.ProduceAsync(producer, chunk * 200, (chunk + 1) * 200);
            await Task.Delay(100);
        }

        var (_, distinct) = await harness.WaitForRowsAsync(4_000, Timeout);
        Assert.Equal(4_000, distinct);
        Assert.Contains(harness.Errors, e => e.Contains("simulated failure of a lake commit"));
        var positions = await harness.Catalog.GetStreamPositionsAsync("transport", "tickets");
        Assert.Equal(4_000, positions.Sum(p => p.NextOffset));
    }

    [Fact]
    public async Task Poison_messages_go_to_the_rejects_dataset_and_never_stop_the_partition()
    {
        ContractColumn[] contract = [new("ticket_id", "BIGINT", Nullable: false), new("fine", "DECIMAL(10,2)")];
        await using var harness = await StreamHarness.StartAsync(kafka.BootstrapServers, kafka.Topic(), contract);
        using var producer = StreamHarness.Producer(kafka.BootstrapServers);
        harness.StartInstance();

        // Every tenth record is bad, in turn: not JSON, no ticket_id, a fine that is text.
        string Payload(long id) => (id % 10, id % 30) switch
        {
            (0, 0) => "{not json",
            (0, 10) => """{"fine": 1.50}""",
            (0, _) => $$"""{"ticket_id": {{id}}, "fine": "lots"}""",
            _ => $$"""{"ticket_id": {{id}}, "fine": 12.50}""",
        };
        await harness.ProduceAsync(producer, 0, 600, payload: Payload);

        await harness.WaitForRowsAsync(540, Timeout);
        var rejects = await WaitAsync(() => harness.QueryAsync("tickets-rejects",
            "SELECT topic, kafka_partition, kafka_offset, reason, payload FROM {rows} ORDER BY kafka_partition, kafka_offset"), 60);
        Assert.Equal(60, rejects.Count);
        Assert.All(rejects, r => Assert.Equal(harness.Topic, r[0]));
        Assert.Equal(20, rejects.Count(r => (string)r[3]! == "not JSON" && (string)r[4]! == "{not json"));
        Assert.Equal(20, rejects.Count(r => (string)r[3]! == "missing required field 'ticket_id'"));
        Assert.Equal(20, rejects.Count(r => (string)r[3]! == "field 'fine': 'lots' is not a valid DECIMAL(10,2)"));
        Assert.Equal(60, rejects.Select(r => ((int)r[1]!, (long)r[2]!)).Distinct().Count());
    }

    [Fact]
    public async Task Two_instances_share_the_partitions_through_rebalances_without_loss_or_repeat()
    {
        await using var harness = await StreamHarness.StartAsync(kafka.BootstrapServers, kafka.Topic());
        using var producer = StreamHarness.Producer(kafka.BootstrapServers);
        var first = harness.StartInstance();
        await harness.ProduceAsync(producer, 0, 1_000);

        var second = harness.StartInstance(); // joins: a rebalance while records flow
        await harness.ProduceAsync(producer, 1_000, 2_000);
        var clock = Stopwatch.StartNew();
        while (harness.Metrics(second).Read("transport", "tickets").Partitions.Count(p => p.Assigned) == 0 && clock.Elapsed < Timeout)
        {
            await Task.Delay(100);
        }
        output.WriteLine($"the second instance got partitions after {clock.ElapsedMilliseconds} ms more");
        Assert.Equal(4, harness.Metrics(first).Read("transport", "tickets").Partitions.Count(p => p.Assigned)
            + harness.Metrics(second).Read("transport", "tickets").Partitions.Count(p => p.Assigned));
        await harness.ProduceAsync(producer, 2_000, 3_000);
        harness.StopInstance(first); // leaves: another rebalance
        await harness.ProduceAsync(producer, 3_000, 4_000);

        var (_, distinct) = await harness.WaitForRowsAsync(4_000, Timeout);
        Assert.Equal(4_000, distinct);
    }

    [Fact]
    public async Task Kcat_as_an_external_producer_publishes_into_a_stream()
    {
        var kcat = new[] { "/usr/bin/kcat", "/usr/bin/kafkacat" }.FirstOrDefault(File.Exists);
        Assert.True(kcat is not null, "kcat is not installed: apt-get install kcat (.ci/run installs it).");
        await using var harness = await StreamHarness.StartAsync(kafka.BootstrapServers, kafka.Topic());
        harness.StartInstance();

        var start = new ProcessStartInfo(kcat!) { RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-P", "-b", kafka.BootstrapServers, "-t", harness.Topic })
        {
            start.ArgumentList.Add(argument);
        }
        using (var process = Process.Start(start)!)
        {
            for (var id = 0; id < 200; id++)
            {
                await process.StandardInput.WriteLineAsync(StreamHarness.Ticket(id));
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        }

        var (_, distinct) = await harness.WaitForRowsAsync(200, Timeout);
        Assert.Equal(200, distinct);
    }

    private static async Task<List<object?[]>> WaitAsync(Func<Task<List<object?[]>>> query, int expected)
    {
        var clock = Stopwatch.StartNew();
        List<object?[]> rows;
        do
        {
            rows = await query();
            if (rows.Count >= expected)
            {
                break;
            }
            await Task.Delay(100);
        }
        while (clock.Elapsed < Timeout);
        return rows;
    }
}
