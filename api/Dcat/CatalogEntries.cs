using System.Collections.Concurrent;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// Reads the catalog as DCAT and CKAN describe it: each dataset with its department and current version. A version
/// never changes once committed, so current versions are kept in memory by dataset (without files and statistics)
/// and read again only when the dataset's current number moves: listing ten thousand datasets reads one version
/// each once, not on every request.
/// </summary>
public sealed class CatalogEntries(ICatalogStore catalog)
{
    private readonly ConcurrentDictionary<string, DatasetVersion> _current = new(StringComparer.Ordinal);

    /// <summary>Every dataset the caller may see, by department and slug.</summary>
    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        await EntriesAsync((await catalog.ListDatasetsAsync(cancellationToken: cancellationToken)).Where(caller.CanSee), cancellationToken);

    /// <summary>The dataset if the caller may see it, else null, as if it did not exist.</summary>
    public async Task<CatalogEntry?> FindAsync(Caller caller, string department, string dataset, CancellationToken cancellationToken) =>
        await DatasetVisibility.FindAsync(catalog, caller, department, dataset, cancellationToken) is { } found
        && await catalog.GetDepartmentAsync(department, cancellationToken) is { } owner
            ? new CatalogEntry(found, owner, await CurrentAsync(found, cancellationToken))
            : null;

    /// <summary>These datasets, in this order, with their departments and current versions.</summary>
    public async Task<IReadOnlyList<CatalogEntry>> EntriesAsync(IEnumerable<Dataset> datasets, CancellationToken cancellationToken)
    {
        var departments = (await catalog.ListDepartmentsAsync(cancellationToken)).ToDictionary(d => d.Slug, StringComparer.Ordinal);
        var entries = new List<CatalogEntry>();
        foreach (var dataset in datasets)
        {
            // Every dataset belongs to a department that exists: the catalog refuses others, and deletes neither.
            entries.Add(new CatalogEntry(dataset, departments[dataset.Department], await CurrentAsync(dataset, cancellationToken)));
        }
        return entries;
    }

    private async Task<DatasetVersion?> CurrentAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        if (dataset.CurrentVersion is not { } number)
        {
            return null;
        }
        var key = DatasetGrant.Name(dataset.Department, dataset.Slug);
        if (_current.TryGetValue(key, out var kept) && kept.Number == number)
        {
            return kept;
        }
        if (await catalog.GetVersionAsync(dataset.Department, dataset.Slug, number, cancellationToken) is not { } version)
        {
            return null;
        }
        kept = version with { Files = [], Statistics = [] };
        _current[key] = kept;
        return kept;
    }
}
