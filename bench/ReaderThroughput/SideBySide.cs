using OpenData.DuckDB;

namespace OpenData.Bench.ReaderThroughput;

/// <summary>Alternates the two sides run by run, so that whatever else the machine does hits both alike.</summary>
internal static class SideBySide
{
    public static (List<Measurement> Reader, List<Measurement> Engine) Run(DuckDBConnection connection, string query, int runs, Checksum expected)
    {
        var reader = new List<Measurement>();
        var engine = new List<Measurement>();
        for (var run = 1; run <= runs; run++)
        {
            reader.Add(Measurement.Take(() =>
            {
                var checksum = ReaderSide.Read(connection, query);
                return checksum.Matches(expected) ? checksum.Rows : throw new InvalidOperationException($"Run {run} read other rows: {checksum}");
            }));
            engine.Add(Measurement.Take(() => { EngineSide.Materialise(connection, query); return expected.Rows; }));
            EngineSide.Drop(connection);
        }

        return (reader, engine);
    }
}
