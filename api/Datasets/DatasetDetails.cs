using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>The body of GET /api/v1/datasets/{department}/{dataset}: metadata and its current version's schema and statistics.</summary>
/// <param name="PersonalStatisticsHidden">True when statistics of personal columns were left out for this caller.</param>
public sealed record DatasetDetails(
    Dataset Dataset,
    VersionSummary? CurrentVersion,
    IReadOnlyList<SchemaColumn> Schema,
    IReadOnlyList<ColumnStatistics> Statistics,
    bool PersonalStatisticsHidden);

/// <summary>A page of GET /api/v1/datasets; <paramref name="NextOffset"/> is null on the last page.</summary>
public sealed record DatasetPage(IReadOnlyList<Dataset> Items, int Limit, int Offset, int? NextOffset);
