namespace OpenData.Ingest;

/// <summary>
/// The ingest area's one exception: the file cannot be imported as asked. <see cref="Rejects"/> holds the report
/// when rows did not fit; the API turns it into a 422 problem with that report.
/// </summary>
public sealed class IngestException : Exception
{
    public IngestException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The values and rows that did not fit (the first <see cref="IngestLimits.MaxReportedRejects"/>).</summary>
    public IReadOnlyList<ImportReject> Rejects { get; init; } = [];

    /// <summary>How many rows were rejected in all.</summary>
    public long RejectedRows { get; init; }

    /// <summary>The uploaded file's name, when known.</summary>
    public string? FileName { get; init; }
}
