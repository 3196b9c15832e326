namespace OpenData.Cli;

/// <summary>A page of a dataset search; <paramref name="NextOffset"/> is null on the last page.</summary>
public sealed record DatasetPage(IReadOnlyList<DatasetInfo> Items, int? NextOffset);
