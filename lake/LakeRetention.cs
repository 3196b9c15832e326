using OpenData.Catalog;

namespace OpenData.Lake;

/// <summary>
/// Removes versions that stopped being current longer ago than <see cref="LakeOptions.Retention"/>: first from
/// the catalog, then the files the catalog says no kept version references. A crash between the two leaves
/// unreferenced files, which <see cref="LakeJanitor"/> removes. The current version is never touched.
/// </summary>
public sealed class LakeRetention
{
    private readonly ICatalogStore _catalog;
    private readonly LakeOptions _options;
    private readonly TimeProvider _time;

    public LakeRetention(ICatalogStore catalog, LakeOptions options, TimeProvider? time = null)
    {
        _catalog = catalog;
        _options = options;
        _time = time ?? TimeProvider.System;
        Layout = new LakeLayout(options.DataDirectory);
    }

    public LakeLayout Layout { get; }

    public async Task<LakeCleanupResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - _options.Retention;
        var expired = await _catalog.ListExpiredVersionsAsync(cutoff, cancellationToken);

        var versions = 0;
        var files = 0;
        long bytes = 0;
        foreach (var group in expired.GroupBy(v => (v.Department, v.Dataset)))
        {
            var numbers = group.Select(v => v.Number).ToList();
            var removable = await _catalog.DeleteVersionsAsync(group.Key.Department, group.Key.Dataset, numbers, cancellationToken);
            versions += numbers.Count;
            foreach (var file in removable)
            {
                if (LakeFolders.TryDeleteFile(Layout.ToFullPath(file.Path), out var size))
                {
                    files++;
                    bytes += size;
                }
            }
            foreach (var tier in new[] { LakeLayout.InternalTier, LakeLayout.PublicTier })
            {
                LakeFolders.DeleteEmptyFolders(Layout.DatasetFolder(tier, group.Key.Department, group.Key.Dataset), olderThan: null);
            }
        }
        return new LakeCleanupResult(versions, files, bytes);
    }
}
