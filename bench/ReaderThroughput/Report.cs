using System.Runtime;
using System.Runtime.InteropServices;
using OpenData.DuckDB;

namespace OpenData.Bench.ReaderThroughput;

/// <summary>Prints the figures: times, rows per second, the ratio reader/in-engine, and memory.</summary>
internal static class Report
{
    private const double Goal = 2.0;

    public static void Header(BenchOptions options, string query, string macroFile)
    {
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for meaningful figures.");
#endif
        Console.WriteLine($"ReaderThroughput: {options.Rows:N0} rows of {string.Join(", ", TicketsWorkload.Columns.Select(c => $"{c.Name} {c.Type}"))}");
        Console.WriteLine($"  query:      {query}   (macro from {macroFile})");
        Console.WriteLine($"  reader:     DuckDBDataReader, GetInt64/GetDouble/GetString/GetDateTime on every row, values summed");
        Console.WriteLine($"  in-engine:  {EngineSide.Statement} <same query>");
        Console.WriteLine($"  DuckDB {DuckDBConnection.LibraryVersion}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, " +
                          $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {options.Runs} runs after a warm-up");
        Console.WriteLine();
    }

    public static void WarmUp(Measurement reader, Measurement engine, Checksum read, Checksum engineChecksum)
    {
        Console.WriteLine($"warm-up: reader {Seconds(reader)}, in-engine {Seconds(engine)}");
        Console.WriteLine($"  reader read    {read}");
        Console.WriteLine($"  engine holds   {engineChecksum}");
        Console.WriteLine($"  {(read.Matches(engineChecksum) ? "same rows on both sides" : "MISMATCH")}");
        Console.WriteLine();
    }

    public static void Runs(string title, IReadOnlyList<Measurement> reader, IReadOnlyList<Measurement> engine)
    {
        Console.WriteLine(title);
        Console.WriteLine($"{"",-8} {"reader (typed getters)",-34} {"in-engine (temp table)",-34} {"reader/in-engine",-16}");
        Console.WriteLine($"{"",-8} {"wall",9} {"rows/s",14} {"CPU",9} {"wall",9} {"rows/s",14} {"CPU",9} {"wall",7} {"CPU",7}");
        for (var i = 0; i < reader.Count; i++)
        {
            TimeLine($"run {i + 1}", reader[i].Elapsed, reader[i].ProcessorTime, engine[i].Elapsed, engine[i].ProcessorTime, reader[i].Rows);
        }

        var best = (Reader: reader.MinBy(m => m.Elapsed)!, Engine: engine.MinBy(m => m.Elapsed)!);
        var median = (Reader: Percentiles.Median(reader.Select(m => m.Elapsed)), Engine: Percentiles.Median(engine.Select(m => m.Elapsed)));
        var medianCpu = (Reader: Percentiles.Median(reader.Select(m => m.ProcessorTime)), Engine: Percentiles.Median(engine.Select(m => m.ProcessorTime)));
        TimeLine("best", best.Reader.Elapsed, best.Reader.ProcessorTime, best.Engine.Elapsed, best.Engine.ProcessorTime, reader[0].Rows);
        TimeLine("median", median.Reader, medianCpu.Reader, median.Engine, medianCpu.Engine, reader[0].Rows);
        var ratio = median.Reader / median.Engine;
        Console.WriteLine($"goal reader/in-engine <= {Goal:F1}x: {(ratio <= Goal ? "met" : "NOT met")} " +
                          $"(wall-clock ratio: median {ratio:F2}x, best {best.Reader.Elapsed / best.Engine.Elapsed:F2}x)");
        Console.WriteLine();

        var peakScope = ProcessProbe.CanResetPeak ? "during the run (VmHWM reset before it)" : "since the process started (VmHWM could not be reset)";
        Console.WriteLine($"memory: peak working set {peakScope}; managed heap = GC.GetTotalMemory(false) right after the run");
        Console.WriteLine($"{"",-18} {"WS before",10} {"peak WS",10} {"managed heap",13} {"allocated",10} {"gen0/gen2 GCs",14}");
        for (var i = 0; i < reader.Count; i++)
        {
            MemoryLine($"reader run {i + 1}", reader[i]);
            MemoryLine($"in-engine run {i + 1}", engine[i]);
        }

        Console.WriteLine();
    }

    public static void Breakdown(BenchOptions options, string query, Func<ReaderSide.Getters, Measurement> measure)
    {
        Console.WriteLine($"breakdown: the reader calling fewer getters (best of {options.Runs}); the step is what the last getter adds per row");
        Console.WriteLine($"  over: {query}");
        var previous = (TimeSpan?)null;
        var getters = ReaderSide.Getters.None;
        foreach (var next in new[] { ReaderSide.Getters.None, ReaderSide.Getters.Int64, ReaderSide.Getters.Double, ReaderSide.Getters.String, ReaderSide.Getters.DateTime })
        {
            getters |= next;
            var best = Enumerable.Range(0, options.Runs).Select(_ => measure(getters)).MinBy(m => m.Elapsed)!;
            var step = previous is { } before ? $"{(best.Elapsed - before).TotalNanoseconds / best.Rows,8:F1} ns/row" : "";
            Console.WriteLine($"  {(getters == ReaderSide.Getters.None ? "Read() only" : $"+ {next}"),-14} {Seconds(best),9} {PerSecond(best.Rows, best.Elapsed),10} rows/s {step}");
            previous = best.Elapsed;
        }

        Console.WriteLine();
    }

    private static void TimeLine(string label, TimeSpan reader, TimeSpan readerCpu, TimeSpan engine, TimeSpan engineCpu, long rows) =>
        Console.WriteLine($"{label,-8} {Seconds(reader),9} {PerSecond(rows, reader),14} {Seconds(readerCpu),9} " +
                          $"{Seconds(engine),9} {PerSecond(rows, engine),14} {Seconds(engineCpu),9} {reader / engine,6:F2}x {readerCpu / engineCpu,6:F2}x");

    private static string PerSecond(long rows, TimeSpan elapsed) => $"{rows / elapsed.TotalSeconds / 1e6:F2} M";

    private static void MemoryLine(string label, Measurement m) =>
        Console.WriteLine($"{label,-18} {MiB(m.WorkingSetBefore),10} {MiB(m.PeakWorkingSet),10} {MiB(m.ManagedHeapAfter),13} {MiB(m.AllocatedBytes),10} {$"{m.Gen0Collections}/{m.Gen2Collections}",14}");

    private static string Seconds(Measurement m) => Seconds(m.Elapsed);

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds:F3} s";

    private static string MiB(long bytes) => $"{bytes / 1048576.0:F0} MiB";
}
