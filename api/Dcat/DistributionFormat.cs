namespace OpenData.Api;

/// <summary>
/// A format every dataset with data downloads in (GET /data/…), as catalogs name it: CKAN's resource format, DCAT's
/// media type (an IANA URI when IANA registered it) and the EU's file-type authority code where it has one.
/// </summary>
public sealed record DistributionFormat(SqlFormat Format, string Name, string? EuFileType)
{
    /// <summary>The four download formats, in the order resources and distributions are listed.</summary>
    public static IReadOnlyList<DistributionFormat> All { get; } =
    [
        new(SqlFormat.Csv, "CSV", "CSV"),
        new(SqlFormat.Json, "JSON", "JSON"),
        // Neither IANA nor the EU's file types know NDJSON yet.
        new(SqlFormat.Ndjson, "NDJSON", null),
        new(SqlFormat.Parquet, "PARQUET", "PARQUET"),
    ];

    public string Extension => SqlFormats.Extension(Format);

    /// <summary>The downloads' Content-Type without its charset: "text/csv".</summary>
    public string MediaType => SqlFormats.ContentType(Format).Split(';')[0];

    /// <summary>The media type's IANA URI, or null for an unregistered ("x-") type.</summary>
    public string? IanaUri => MediaType.Contains("/x-", StringComparison.Ordinal) ? null : "http://www.iana.org/assignments/media-types/" + MediaType;

    public string? EuFileTypeUri => EuFileType is null ? null : "http://publications.europa.eu/resource/authority/file-type/" + EuFileType;
}
