namespace OpenData.Cli;

/// <summary>
/// An RFC 9457 problem as the platform answers it: <c>errors</c> names the fields at fault, <c>rejects</c> and
/// <c>rejectedRows</c> come with an upload refused for rows that do not fit.
/// </summary>
public sealed record Problem(
    int? Status,
    string? Title,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors,
    IReadOnlyList<Reject>? Rejects,
    long? RejectedRows);
