using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using OpenData.Catalog;
using OpenData.Lake;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>What a download reads: one version of a dataset, as the caller's tier shows it, in one format.</summary>
public sealed record DownloadTarget(Dataset Dataset, DatasetVersion Version, string Tier, SqlFormat Format)
{
    /// <summary>The version's view, named as docs/sql.md names it for time travel: "traffic-tickets@v3".</summary>
    public string View => $"{Dataset.Slug}@v{Version.Number}";

    /// <summary>The view in SQL. Slugs are lowercase letters, digits, '-' and '_' (CatalogRules): nothing to escape.</summary>
    public string ViewSql => $"\"{Dataset.Department}\".\"{View}\"";

    /// <summary>The name the file is offered to be saved as: "traffic-tickets-v3.csv".</summary>
    public string FileName => $"{Dataset.Slug}-v{Version.Number}.{SqlFormats.Extension(Format)}";

    /// <summary>
    /// Tells apart everything the bytes depend on: the format, the tier's files (by SHA-256) and the columns the tier
    /// hides, which change for the public tier when a column is marked personal after the version was written.
    /// </summary>
    public string ContentKey { get; } = Key(Dataset, Version, Tier, Format);

    /// <summary>
    /// When the tier's copy last changed: the version's time, or later for the public tier when the dataset's
    /// description (and with it the personal columns) changed since.
    /// </summary>
    public DateTimeOffset LastModified =>
        Tier == LakeLayout.PublicTier && Dataset.UpdatedAt > Version.CreatedAt ? Dataset.UpdatedAt : Version.CreatedAt;

    /// <summary>A strong ETag, one per representation: the gzip copy is other bytes, so it has a tag of its own.</summary>
    public EntityTagHeaderValue ETag(bool gzip) => new($"\"v{Version.Number}-{ContentKey}{(gzip ? "-gzip" : "")}\"");

    /// <summary>Changes whenever the writers spell a value otherwise, so that no file made before is sent again.</summary>
    private const string Spelling = "2: CSV timestamps with a space";

    private static string Key(Dataset dataset, DatasetVersion version, string tier, SqlFormat format)
    {
        var files = version.Files
            .Where(file => LakeLayout.IsInTier(file.Path, tier))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .Select(file => $"{file.Path} {file.Sha256}");
        var text = string.Join("\n", [Spelling, SqlFormats.Extension(format), tier, .. files, "hidden: " + string.Join(",", TierColumns.Hidden(dataset, tier))]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
