using System.Globalization;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// Where whole-file downloads are kept once made: <c>&lt;data&gt;/downloads/&lt;tier&gt;/&lt;department&gt;/&lt;dataset&gt;/v&lt;n&gt;-&lt;key&gt;.&lt;format&gt;</c>,
/// with a <c>.gz</c> copy beside text formats. The key (<see cref="DownloadTarget.ContentKey"/>) changes with the
/// bytes, so a file is never rewritten, only removed once the catalog no longer has its version.
/// </summary>
public sealed class DownloadFolder(string dataDirectory)
{
    private const string Unfinished = ".tmp";

    public string Root { get; } = Path.Combine(dataDirectory, "downloads");

    public string PathOf(DownloadTarget target) =>
        Path.Combine(Root, target.Tier, target.Dataset.Department, target.Dataset.Slug,
            $"v{target.Version.Number.ToString(CultureInfo.InvariantCulture)}-{target.ContentKey}.{SqlFormats.Extension(target.Format)}");

    /// <summary>A name in the same folder to write <paramref name="path"/> under before it is renamed, so nobody reads half a file.</summary>
    public static string UnfinishedPathOf(string path) => $"{path}.{Guid.NewGuid():N}{Unfinished}";

    /// <summary>Removes what a stopped run was still writing; only at start, when nothing is being written.</summary>
    public void RemoveUnfinished()
    {
        if (Directory.Exists(Root))
        {
            foreach (var path in Directory.GetFiles(Root, "*" + Unfinished, SearchOption.AllDirectories))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Removes the files of versions the catalog no longer has (past retention); returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(ICatalogStore catalog, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }
        var kept = new Dictionary<string, bool>(StringComparer.Ordinal);
        var removed = 0;
        foreach (var path in Directory.GetFiles(Root, "v*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            var dash = name.IndexOf('-');
            if (name.EndsWith(Unfinished, StringComparison.Ordinal)
                || dash < 2
                || !int.TryParse(name.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }
            var datasetFolder = Path.GetDirectoryName(path)!;
            var (department, dataset) = (Path.GetFileName(Path.GetDirectoryName(datasetFolder)!), Path.GetFileName(datasetFolder));
            var version = $"{department}/{dataset}/{number}";
            if (!kept.TryGetValue(version, out var exists))
            {
                kept[version] = exists = await catalog.GetVersionAsync(department, dataset, number, cancellationToken) is not null;
            }
            if (!exists)
            {
                File.Delete(path);
                removed++;
            }
        }
        return removed;
    }
}
