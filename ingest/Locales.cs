using System.Globalization;

namespace OpenData.Ingest;

/// <summary>The decimal separator and date order a request declares, directly or through its locale.</summary>
internal static class Locales
{
    public static (bool? DecimalComma, DateOrder? DateOrder) Parsing(ImportRequest request)
    {
        var culture = Culture(request.Locale);
        bool? comma = request.DecimalSeparator switch
        {
            ',' => true,
            '.' => false,
            null => culture is null ? null : culture.NumberFormat.NumberDecimalSeparator == ",",
            var other => throw new IngestException($"Decimal separator '{other}' is not supported; use ',' or '.'."),
        };
        var order = request.DateOrder ?? (culture?.DateTimeFormat.ShortDatePattern.TrimStart() switch
        {
            ['d', ..] => DateOrder.DayMonthYear,
            ['M', ..] => DateOrder.MonthDayYear,
            _ => (DateOrder?)null,
        });
        return (comma, order);
    }

    private static CultureInfo? Culture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException e)
        {
            throw new IngestException($"Locale '{name}' is unknown; use a culture name such as de-DE or en-US.", e);
        }
    }
}
