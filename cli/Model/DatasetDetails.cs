namespace OpenData.Cli;

/// <summary>The answer of <c>GET /api/v1/datasets/{department}/{dataset}</c>.</summary>
public sealed record DatasetDetails(
    DatasetInfo Dataset,
    VersionInfo? CurrentVersion,
    IReadOnlyList<SchemaColumn> Schema,
    IReadOnlyList<ColumnStatistics> Statistics);
