namespace OpenData.Ingest;

/// <summary>
/// How text values are read as numbers and dates, as SQL expressions over a trimmed VARCHAR value. Written
/// once here so that type inference and the casts agree on what a number or a date is.
/// </summary>
internal sealed record TextParsing(bool DecimalComma, DateOrder? DateOrder)
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

    /// <summary>The SQL that casts text <paramref name="v"/> to <paramref name="type"/>; NULL when it does not fit.</summary>
    public string Cast(string v, string type, DateOrder? order)
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
        if (upper == "DATE")
        {
            return $"TRY_CAST({IsoDate(v, order)} AS DATE)";
        }
        if (IsNumeric(upper))
        {
            return $"TRY_CAST({Number(v)} AS {type})";
        }
        return $"TRY_CAST({v} AS {type})";
    }

    public static bool IsNumeric(string upperType) =>
        upperType.StartsWith("DECIMAL", StringComparison.Ordinal) || upperType.StartsWith("NUMERIC", StringComparison.Ordinal)
        || upperType is "TINYINT" or "SMALLINT" or "INTEGER" or "INT" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT"
            or "UINTEGER" or "UBIGINT" or "UHUGEINT" or "DOUBLE" or "FLOAT" or "REAL";
}
