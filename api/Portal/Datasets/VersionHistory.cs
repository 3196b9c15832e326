using OpenData.Catalog;

namespace OpenData.Api.Portal.Datasets;

/// <summary>A version as the dataset page lists it, with what changed since the one before.</summary>
/// <param name="RowChange">Rows gained (or lost) since the previous version; null for the first.</param>
public sealed record VersionHistoryEntry(VersionSummary Version, long? RowChange, SchemaChanges SchemaChanges);

public static class VersionHistory
{
    public const int Shown = 10;

    /// <summary>The newest versions, read through the versions API as the caller sees them (its schema, without
    /// personal columns for the public), so a change never names a column the caller may not see.</summary>
    public static async Task<IReadOnlyList<VersionHistoryEntry>> ReadAsync(HttpContext context, string department, string dataset)
    {
        var services = ApiHandlers.Services<DatasetServices>(context);
        var cancellationToken = context.RequestAborted;
        var summaries = ApiHandlers.Value<IReadOnlyList<VersionSummary>>(
            (await VersionsApi.ListVersions(department, dataset, services, cancellationToken)).Result) ?? [];
        var versions = new Dictionary<int, DatasetVersion>();
        foreach (var number in summaries.Take(Shown + 1).Select(summary => summary.Number))
        {
            if (ApiHandlers.Value<DatasetVersion>((await VersionsApi.GetVersion(department, dataset, number, services, cancellationToken)).Result) is { } version)
            {
                versions[number] = version;
            }
        }
        return summaries.Take(Shown).Select((summary, index) =>
        {
            var previous = index + 1 < summaries.Count ? versions.GetValueOrDefault(summaries[index + 1].Number) : null;
            var current = versions.GetValueOrDefault(summary.Number);
            return new VersionHistoryEntry(
                summary,
                previous is null ? null : summary.RowCount - previous.RowCount,
                current is null ? SchemaChanges.None : SchemaChanges.Between(previous?.Schema, current.Schema));
        }).ToList();
    }
}
