using System.Globalization;

namespace OpenData.Api;

/// <summary>Times in the host's SQLite files: fixed-width UTC text, so that SQL compares and sorts them as text.</summary>
public static class SqliteTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads <see cref="Text"/>, and also the ISO 8601 form with an offset that keys.db held before its migrations.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
