namespace OpenData.Ingest;

/// <summary>Fixed limits of the importers.</summary>
public static class IngestLimits
{
    /// <summary>A report lists at most this many rejects, so a wholly wrong file cannot fill memory.</summary>
    public const int MaxReportedRejects = 1000;

    /// <summary>Bytes read from the start of a file to detect its format, encoding and CSV dialect.</summary>
    internal const int SampleBytes = 64 * 1024;

    /// <summary>Rows an unchecked import types its columns from (about 1% of a 10-million-row file).</summary>
    internal const int UncheckedSampleRows = 100_000;
}
