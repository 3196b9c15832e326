using System.Globalization;

namespace OpenData.Api;

/// <summary>Times as catalogs write them: ISO 8601 in UTC to the second, which DCAT-US's patterns, xsd:dateTime and schema.org all read.</summary>
public static class DcatTime
{
    public static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
