namespace OpenData.Cli;

/// <summary>One version of a dataset, without its files.</summary>
public sealed record VersionInfo(int Number, DateTimeOffset CreatedAt, string CreatedBy, string Mode, long RowCount, long Bytes);
