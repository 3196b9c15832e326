namespace OpenData.Cli;

/// <summary>A value or row of an uploaded file that did not fit: its line in the file, the column and why.</summary>
public sealed record Reject(long Line, string? Column, string? Value, string Reason);
