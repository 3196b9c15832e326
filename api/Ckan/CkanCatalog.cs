using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>Finds what an action names, by CKAN id or name, among what the caller may see; anything else is Not Found.</summary>
public sealed class CkanCatalog(ICatalogStore catalog, CatalogEntries entries, Caller caller)
{
    /// <summary>A package by id or name ("department--dataset").</summary>
    public async Task<CatalogEntry> PackageAsync(string idOrName, CancellationToken cancellationToken)
    {
        foreach (var (department, dataset) in await CandidatesAsync(idOrName, cancellationToken))
        {
            if (await entries.FindAsync(caller, department, dataset, cancellationToken) is { } entry)
            {
                return entry;
            }
        }
        throw CkanException.NotFound($"Dataset '{idOrName}' does not exist, or this key may not see it.");
    }

    public async Task<(CatalogEntry Entry, DistributionFormat Format)> ResourceAsync(string id, CancellationToken cancellationToken) =>
        await FindResourceAsync(id, cancellationToken)
        ?? throw CkanException.NotFound($"Resource '{id}' does not exist, or this key may not see it.");

    /// <summary>A resource by id, or null when there is none the caller may see.</summary>
    public async Task<(CatalogEntry Entry, DistributionFormat Format)?> FindResourceAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out _)
        && await FindIdAsync(id, cancellationToken) is ({ } department, { } dataset, { } extension)
        && await entries.FindAsync(caller, department, dataset, cancellationToken) is { } entry
        && entry.Formats.FirstOrDefault(format => format.Extension == extension) is { } found
            ? (entry, found)
            : null;

    /// <summary>An organization by id or name; departments are public, so every key sees every one.</summary>
    public async Task<Department> OrganizationAsync(string idOrName, CancellationToken cancellationToken)
    {
        var departments = await catalog.ListDepartmentsAsync(cancellationToken);
        return departments.FirstOrDefault(d => d.Slug == idOrName || CkanIds.Organization(d.Slug) == idOrName.Trim().ToLowerInvariant())
            ?? throw CkanException.NotFound($"Organization '{idOrName}' does not exist.");
    }

    /// <summary>What a package or resource id names; ids are remembered as they are made, so an id not made yet in this
    /// process (one a client kept from before a restart) is found by making every dataset's ids once.</summary>
    public async Task<(string Department, string Dataset, string? Format)?> FindIdAsync(string id, CancellationToken cancellationToken)
    {
        if (CkanIds.Find(id) is { } named)
        {
            return named;
        }
        foreach (var dataset in await catalog.ListDatasetsAsync(cancellationToken: cancellationToken))
        {
            CkanIds.Package(dataset.Department, dataset.Slug);
            foreach (var format in DistributionFormat.All)
            {
                CkanIds.Resource(dataset.Department, dataset.Slug, format);
            }
        }
        return CkanIds.Find(id);
    }

    /// <summary>The (department, dataset) pairs a package id or name may stand for: a name splits at any "--", since
    /// slugs may hold one too; the first that exists and is visible wins.</summary>
    private async Task<IReadOnlyList<(string, string)>> CandidatesAsync(string idOrName, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrName, out _) && await FindIdAsync(idOrName, cancellationToken) is ({ } department, { } dataset, null))
        {
            return [(department, dataset)];
        }
        var candidates = new List<(string, string)>();
        for (var at = idOrName.IndexOf(CkanDicts.NameSeparator, StringComparison.Ordinal); at > 0;
             at = idOrName.IndexOf(CkanDicts.NameSeparator, at + 1, StringComparison.Ordinal))
        {
            candidates.Add((idOrName[..at], idOrName[(at + CkanDicts.NameSeparator.Length)..]));
        }
        return candidates;
    }
}
