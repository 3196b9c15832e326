using System.Diagnostics;

namespace OpenData.DuckDB.Tests;

public class DuckDBDataReaderStreamingTests
{
    private const long Rows = 10_000_000;
    private const long SampleEvery = 1_000_000;

    [Fact]
    public void Read_streams_ten_million_rows_with_bounded_memory()
    {
        using var connection = new DuckDBConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT i AS id, i * 0.25 AS amount, 'plate-' || (i % 100000) AS plate, TIMESTAMP '2023-01-01' + to_seconds(i) AS issued_at
            FROM range({Rows}) t(i)
            """;
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var residentBefore = Process.GetCurrentProcess().WorkingSet64;
        long managedPeak = 0, residentPeak = 0, count = 0, idSum = 0, plateLengths = 0;
        double amountSum = 0;
        var lastTimestamp = DateTime.MinValue;

        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                idSum += reader.GetInt64(0);
                amountSum += reader.GetDouble(1);
                plateLengths += reader.GetString(2).Length;
                lastTimestamp = reader.GetDateTime(3);
                if (++count % SampleEvery == 0)
                {
                    managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(forceFullCollection: true) - managedBefore);
                    residentPeak = Math.Max(residentPeak, Process.GetCurrentProcess().WorkingSet64 - residentBefore);
                }
            }
        }

        Assert.Equal(Rows, count);
        Assert.Equal(Rows * (Rows - 1) / 2, idSum);
        Assert.Equal(Rows * (Rows - 1) / 2 * 0.25, amountSum);
        Assert.Equal(new DateTime(2023, 1, 1).AddSeconds(Rows - 1), lastTimestamp);
        Assert.True(plateLengths > Rows * 7);
        // Only the current 2,048-row chunk is held: the managed heap does not grow with the result, and the process
        // stays far below the ~400 MB a materialized result of these rows would take.
        Assert.InRange(managedPeak, long.MinValue, 16L << 20);
        Assert.InRange(residentPeak, long.MinValue, 200L << 20);
        Console.WriteLine($"managed peak growth {managedPeak >> 10} KiB, resident peak growth {residentPeak >> 20} MiB");
    }
}
