using System.Diagnostics;
using OpenData.DuckDB;

namespace OpenData.Bench.UploadThroughput;

/// <summary>What bare DuckDB takes to turn the CSV into zstd Parquet, in a fresh in-process database.</summary>
internal static class BareDuckDB
{
    public sealed record Result(TimeSpan Wall, TimeSpan Cpu, long PeakRssBytes, long ParquetBytes, long Rows);

    public static Result Convert(string csv, string parquet)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var canReset = ProcStatus.ResetPeak();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using (var connection = new DuckDBConnection($"Data Source={DuckDBConnection.InMemory}"))
        {
            connection.Open();
            TicketsCsv.Execute(connection,
                $"COPY (FROM read_csv('{TicketsCsv.Sql(csv)}')) TO '{TicketsCsv.Sql(parquet)}' (FORMAT parquet, COMPRESSION zstd)");
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var peak = canReset ? ProcStatus.Read(Environment.ProcessId).PeakRss : -1;
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM read_parquet('{TicketsCsv.Sql(parquet)}')";
            var rows = System.Convert.ToInt64(count.ExecuteScalar());
            return new Result(clock.Elapsed, cpu, peak, new FileInfo(parquet).Length, rows);
        }
    }
}
