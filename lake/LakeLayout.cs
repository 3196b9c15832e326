namespace OpenData.Lake;

/// <summary>
/// Where things live under the data folder: <c>lake/&lt;tier&gt;/&lt;department&gt;/&lt;dataset&gt;/&lt;snapshot&gt;/…</c>
/// and <c>staging/&lt;guid&gt;/…</c>. Catalog file paths are relative to <see cref="LakeFolder"/> with '/' separators.
/// </summary>
public sealed class LakeLayout
{
    /// <summary>Everything as delivered.</summary>
    public const string InternalTier = "internal";

    /// <summary>The public projection: personal columns removed.</summary>
    public const string PublicTier = "public";

    public LakeLayout(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        LakeFolder = Path.Combine(DataDirectory, "lake");
        StagingFolder = Path.Combine(DataDirectory, "staging");
    }

    public string DataDirectory { get; }

    public string LakeFolder { get; }

    public string StagingFolder { get; }

    /// <summary>The folder that a tier's SQL sandbox may read (its <c>allowed_directories</c>).</summary>
    public string TierFolder(string tier) => Path.Combine(LakeFolder, tier);

    /// <summary>Where one dataset's snapshots of a tier live.</summary>
    public string DatasetFolder(string tier, string department, string dataset) =>
        Path.Combine(LakeFolder, tier, department, dataset);

    /// <summary>The absolute path of a catalog file path; refuses paths that would leave the lake.</summary>
    public string ToFullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(LakeFolder, relativePath));
        if (!full.StartsWith(LakeFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new LakeException($"The file path '{relativePath}' points outside the lake.");
        }
        return full;
    }

    /// <summary>The catalog form of a path inside the lake.</summary>
    public string ToRelativePath(string fullPath) =>
        Path.GetRelativePath(LakeFolder, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>True for catalog paths of the given tier.</summary>
    public static bool IsInTier(string relativePath, string tier) =>
        relativePath.StartsWith(tier + "/", StringComparison.Ordinal);
}
