namespace OpenData.Api;

/// <summary>
/// A dataset's update frequency (free text such as "daily") as DCAT-US's ISO 8601 repeating duration and the EU's
/// frequency authority code; words it does not know are left out of the catalogs rather than guessed.
/// </summary>
public sealed record Frequency(string Iso8601, string EuCode)
{
    private static readonly Dictionary<string, Frequency> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hourly"] = new("R/PT1H", "HOURLY"),
        ["daily"] = new("R/P1D", "DAILY"),
        ["weekly"] = new("R/P1W", "WEEKLY"),
        ["monthly"] = new("R/P1M", "MONTHLY"),
        ["quarterly"] = new("R/P3M", "QUARTERLY"),
        ["annually"] = new("R/P1Y", "ANNUAL"),
        ["annual"] = new("R/P1Y", "ANNUAL"),
        ["yearly"] = new("R/P1Y", "ANNUAL"),
        // DCAT-US spells "continuously updated" as R/PT1S.
        ["continuous"] = new("R/PT1S", "UPDATE_CONT"),
        ["real-time"] = new("R/PT1S", "UPDATE_CONT"),
        ["irregular"] = new("irregular", "IRREG"),
    };

    public string EuUri => "http://publications.europa.eu/resource/authority/frequency/" + EuCode;

    public static Frequency? Of(string? updateFrequency) =>
        updateFrequency is not null && Words.TryGetValue(updateFrequency.Trim(), out var frequency) ? frequency : null;
}
