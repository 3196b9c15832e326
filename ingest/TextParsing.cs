using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenData.Ingest;

/// <summary>
/// How text values are read as numbers and dates, as SQL expressions over a trimmed VARCHAR value. Written
/// once here so that type inference and the casts agree on what a number or a date is.
/// </summary>
internal sealed partial record TextParsing(bool DecimalComma, DateOrder? DateOrder)
{
    /// <summary>Markers of a missing value in a typed column. In a text column they stay text.</summary>
    public static string IsMissing(string v) => $"({v} IS NULL OR {v} = '' OR lower({v}) IN ('na', 'n/a', 'null', 'nan', '#n/a'))";

    public const string SlashDatePattern = "[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}";

    /// <summary>The number with thousands separators removed and a <c>.</c> decimal point; anything else fails the cast.</summary>
    public string Number(string v) => DecimalComma
        ? $"(CASE WHEN contains({v}, '.') AND regexp_full_match({v}, '[+-]?[0-9]{{1,3}}(\\.[0-9]{{3}})+(,[0-9]*)?') THEN replace(replace({v}, '.', ''), ',', '.') " +
          $"WHEN regexp_full_match({v}, '[+-]?[0-9]*(,[0-9]*)?') THEN replace({v}, ',', '.') ELSE '#' || {v} END)"
        : $"(CASE WHEN contains({v}, ',') AND regexp_full_match({v}, '[+-]?[0-9]{{1,3}}(,[0-9]{{3}})+(\\.[0-9]*)?') THEN replace({v}, ',', '') ELSE {v} END)";

    /// <summary>A day-first or month-first date rewritten as ISO; ISO dates pass unchanged.</summary>
    public string IsoDate(string v, DateOrder? order)
    {
        if (order is null)
        {
            return v;
        }
        var replacement = order == Ingest.DateOrder.DayMonthYear ? "\\3-\\2-\\1" : "\\3-\\1-\\2";
        return $"regexp_replace({v}, '^([0-9]{{1,2}})[/.-]([0-9]{{1,2}})[/.-]([0-9]{{4}})$', '{replacement}')";
    }

    /// <summary>
    /// The SQL that casts text <paramref name="v"/> to <paramref name="type"/>; NULL when it does not fit.
    /// <paramref name="number"/> names <see cref="Number"/> of <paramref name="v"/> when it is already computed.
    /// </summary>
    public string Cast(string v, string type, DateOrder? order, string? number = null)
    {
        var upper = type.ToUpperInvariant();
        if (upper is "VARCHAR" or "TEXT" or "STRING")
        {
            return v;
        }
        if (upper == "BOOLEAN" || upper == "BOOL")
        {
            return $"(CASE WHEN lower({v}) IN ('true', 't', 'yes', 'y', '1') THEN true WHEN lower({v}) IN ('false', 'f', 'no', 'n', '0') THEN false END)";
        }
        // DuckDB's casts round 3.5 to the integer 4, 1.234 to DECIMAL(10,2) 1.23 and cut the time off a timestamp
        // read as a DATE: those values change meaning, so they do not fit.
        if (upper == "DATE")
        {
            return $"(CASE WHEN contains({v}, ':') THEN NULL ELSE TRY_CAST({IsoDate(v, order)} AS DATE) END)";
        }
        if (IsInteger(upper))
        {
            var n = number ?? Number(v);
            return $"(CASE WHEN contains({n}, '.') OR contains(lower({n}), 'e') THEN NULL ELSE TRY_CAST({n} AS {type}) END)";
        }
        if (DecimalScale(upper) is { } scale)
        {
            var n = number ?? Number(v);
            return $"(CASE WHEN strpos({n}, '.') > 0 AND strlen({n}) - strpos({n}, '.') > {scale} THEN NULL ELSE TRY_CAST({n} AS {type}) END)";
        }
        if (IsNumeric(upper))
        {
            return $"TRY_CAST({number ?? Number(v)} AS {type})";
        }
        return $"TRY_CAST({v} AS {type})";
    }

    /// <summary>An integer written with leading zeros (<c>007</c>, <c>-01</c>): an identifier, not a number.</summary>
    public static string HasLeadingZero(string v) =>
        $"(CASE WHEN ascii({v}) = 48 THEN regexp_full_match({v}, '0[0-9]+') " +
        $"WHEN ascii({v}) IN (43, 45) AND ascii(substr({v}, 2, 1)) = 48 THEN regexp_full_match({v}, '[+-]0[0-9]+') ELSE false END)";

    private static bool IsInteger(string upperType) =>
        upperType is "TINYINT" or "SMALLINT" or "INTEGER" or "INT" or "BIGINT" or "HUGEINT"
            or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT";

    /// <summary>The scale of <c>DECIMAL(p,s)</c> (0 for <c>DECIMAL(p)</c>, 3 for DuckDB's bare <c>DECIMAL</c>, i.e. (18,3)).</summary>
    private static int? DecimalScale(string upperType)
    {
        var match = DecimalType().Match(upperType);
        if (!match.Success)
        {
            return null;
        }
        return match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)
            : match.Groups[1].Success ? 0 : 3;
    }

    [GeneratedRegex(@"^(?:DECIMAL|NUMERIC)\s*(?:\(\s*([0-9]+)\s*(?:,\s*([0-9]+)\s*)?\))?$")]
    private static partial Regex DecimalType();

    public static bool IsNumeric(string upperType) =>
        upperType.StartsWith("DECIMAL", StringComparison.Ordinal) || upperType.StartsWith("NUMERIC", StringComparison.Ordinal)
        || IsInteger(upperType) || upperType is "DOUBLE" or "FLOAT" or "REAL";
}
