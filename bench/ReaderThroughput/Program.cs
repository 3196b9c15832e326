using System.Globalization;
using OpenData.Bench;
using OpenData.Bench.ReaderThroughput;
using OpenData.DuckDB;

// Reads tickets(n) through DuckDBDataReader's typed getters and, in the same run, has DuckDB materialise the
// same rows itself; prints both, their ratio (goal: reader ≤ 2× in-engine) and the memory the reader used.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return BenchProgram.Run(args, BenchOptions.Usage, BenchOptions.Parse, options =>
{
    var macroFile = Repository.Find().MacroFile;
    using var connection = new DuckDBConnection($"Data Source={DuckDBConnection.InMemory}");
    connection.Open();
    TicketsWorkload.Load(connection, macroFile);
    var query = TicketsWorkload.Query(options.Rows);
    Report.Header(options, query, macroFile);

    // Warm-up: JIT, DuckDB's allocator and caches; also checks that both sides hold the same rows.
    var expected = default(Checksum);
    var warmReader = Measurement.Take(() => (expected = ReaderSide.Read(connection, query)).Rows);
    var warmEngine = Measurement.Take(() => { EngineSide.Materialise(connection, query); return options.Rows; });
    var engineChecksum = EngineSide.Check(connection);
    EngineSide.Drop(connection);
    Report.WarmUp(warmReader, warmEngine, expected, engineChecksum);
    if (!expected.Matches(engineChecksum) || expected.Rows != options.Rows)
    {
        Console.Error.WriteLine("The reader and the engine disagree about the rows; the figures would be meaningless.");
        return 1;
    }

    var (readerRuns, engineRuns) = SideBySide.Run(connection, query, options.Runs, expected);
    Report.Runs("rows produced by the query itself (the comparison the goal is about)", readerRuns, engineRuns);

    var breakdownQuery = query;
    if (options.FromTable)
    {
        // The same rows already stored in a table: generating tickets no longer dominates both sides,
        // so the ratio shows what the reader itself costs per row.
        EngineSide.Materialise(connection, query, TicketsWorkload.StoredTable);
        breakdownQuery = TicketsWorkload.QueryStored();
        ReaderSide.Read(connection, breakdownQuery);
        var (storedReader, storedEngine) = SideBySide.Run(connection, breakdownQuery, options.Runs, expected);
        Report.Runs($"the same rows read back from a temp table: {breakdownQuery}", storedReader, storedEngine);
    }

    if (options.Breakdown)
    {
        Report.Breakdown(options, breakdownQuery, getters => Measurement.Take(() => ReaderSide.ReadSome(connection, breakdownQuery, getters)));
    }

    EngineSide.Drop(connection, TicketsWorkload.StoredTable);
    return 0;
});
