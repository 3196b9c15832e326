namespace OpenData.Cli;

/// <summary>The answer of <c>PUT …/data</c>: the version the file became (or already was) and what went into it.</summary>
/// <param name="Rows">Rows of the file imported (rejects not counted); null when the file was the current version's already.</param>
/// <param name="RejectedRows">Rows of the file left out as rejects.</param>
/// <param name="VersionRows">Rows of the whole version (earlier rows too, with append and upsert).</param>
public sealed record UploadAnswer(
    int Version,
    string Mode,
    long? Rows,
    long? RejectedRows,
    long VersionRows,
    long UploadedBytes,
    long DurationMs);
