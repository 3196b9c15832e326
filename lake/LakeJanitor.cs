using OpenData.Catalog;

namespace OpenData.Lake;

/// <summary>
/// Removes garbage: files under <c>lake/</c> that no kept version references and everything under
/// <c>staging/</c>, once older than <see cref="LakeOptions.JanitorGracePeriod"/>. The grace period protects
/// commits in flight, whose files are moved into the lake before the catalog transaction references them.
/// </summary>
public sealed class LakeJanitor
{
    private readonly ICatalogStore _catalog;
    private readonly LakeOptions _options;
    private readonly TimeProvider _time;

    public LakeJanitor(ICatalogStore catalog, LakeOptions options, TimeProvider? time = null)
    {
        _catalog = catalog;
        _options = options;
        _time = time ?? TimeProvider.System;
        Layout = new LakeLayout(options.DataDirectory);
    }

    public LakeLayout Layout { get; }

    public async Task<LakeCleanupResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = (_time.GetUtcNow() - _options.JanitorGracePeriod).UtcDateTime;
        // Read after the cutoff is fixed: a file old enough to go cannot be in a commit that has not yet landed.
        var referenced = await _catalog.ListReferencedFilePathsAsync(cancellationToken);

        var files = 0;
        long bytes = 0;
        foreach (var (root, isLake) in new[] { (Layout.LakeFolder, true), (Layout.StagingFolder, false) })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (isLake && referenced.Contains(Layout.ToRelativePath(path)))
                {
                    continue;
                }
                if (File.GetLastWriteTimeUtc(path) < cutoff && LakeFolders.TryDeleteFile(path, out var size))
                {
                    files++;
                    bytes += size;
                }
            }
            LakeFolders.DeleteEmptyFolders(root, cutoff);
        }
        return new LakeCleanupResult(0, files, bytes);
    }
}
