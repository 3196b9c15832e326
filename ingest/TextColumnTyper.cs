using System.Globalization;
using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Chooses a DuckDB type for each text column from all its values, in one pass. A type is chosen when at least
/// 90% of the non-missing values fit it: the others become rejects rather than turning the column into text.
/// Integers with leading zeros make a column text (postal and FIPS codes); integers stay exact (BIGINT, HUGEINT);
/// decimals become DECIMAL with the widest precision and scale seen, DOUBLE only for exponents or beyond 38 digits.
/// </summary>
internal static class TextColumnTyper
{
    /// <summary>One chosen type and, for dates written with slashes or dots, the order they are read in.</summary>
    public sealed record Choice(string Type, DateOrder? DateOrder);

    private const int Measures = 13;

    public static async Task<List<Choice>> ChooseAsync(
        DuckDBConnection connection, string source, IReadOnlyList<string> columns, TextParsing parsing, CancellationToken cancellationToken)
    {
        if (columns.Count == 0)
        {
            return [];
        }
        var select = string.Join(",\n", columns.Select(c => Measure(c, parsing)));
        var row = (await IngestSql.RowsAsync(connection, $"SELECT {select} FROM {source}", cancellationToken)).Single();
        return columns.Select((_, i) => Decide(row.AsSpan(i * Measures, Measures).ToArray(), parsing)).ToList();
    }

    /// <summary>True when the numbers of a ;- or tab-separated file use a decimal comma (<c>6069,36</c>) and none a decimal point.</summary>
    public static async Task<bool> DetectDecimalCommaAsync(
        DuckDBConnection connection, string source, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        if (columns.Count == 0)
        {
            return false;
        }
        string Any(string pattern) => string.Join(" OR ", columns.Select(c => $"regexp_full_match(trim({c}), '{pattern}')"));
        var sql = $"SELECT coalesce(bool_or({Any("[+-]?[0-9]{1,3}(\\.[0-9]{3})*,[0-9]+")}), false) " +
                  $"AND NOT coalesce(bool_or({Any("[+-]?[0-9]+\\.([0-9]{1,2}|[0-9]{4,})")}), false) FROM {source}";
        var row = (await IngestSql.RowsAsync(connection, sql, cancellationToken)).Single();
        return row[0] is true;
    }

    private static string Measure(string column, TextParsing parsing)
    {
        var v = $"trim({column})";
        var n = parsing.Number(v);
        var present = $"NOT {TextParsing.IsMissing(v)}";
        var isInteger = $"regexp_full_match({n}, '[+-]?[0-9]+')";
        var isDecimal = $"regexp_full_match({n}, '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)')";
        var slashDate = $"regexp_full_match({v}, '{TextParsing.SlashDatePattern}')";
        var digits = $"length(ltrim(regexp_extract(regexp_replace({n}, '^[+-]', ''), '^[0-9]*'), '0'))";
        return string.Join(", ",
            $"count(*) FILTER ({present})",
            $"count(*) FILTER (regexp_full_match({v}, '[+-]?0[0-9]+'))",
            $"count(*) FILTER (lower({v}) IN ('true', 'false'))",
            $"count(*) FILTER ({isInteger})",
            $"count(*) FILTER ({isDecimal})",
            $"max({digits}) FILTER ({isDecimal})",
            $"max(length(regexp_extract({n}, '\\.([0-9]*)$', 1))) FILTER ({isDecimal})",
            $"count(*) FILTER (TRY_CAST({n} AS DOUBLE) IS NOT NULL)",
            $"count(*) FILTER (regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}') AND TRY_CAST({v} AS DATE) IS NOT NULL)",
            $"count(*) FILTER (regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[T ][0-9]{{2}}:[0-9]{{2}}.*') AND TRY_CAST({v} AS TIMESTAMP) IS NOT NULL)",
            $"count(*) FILTER ({slashDate})",
            // The largest first and second parts of slashed dates: above 12 tells day from month.
            $"max(TRY_CAST(regexp_extract({v}, '^([0-9]+)', 1) AS INTEGER)) FILTER ({slashDate})",
            $"max(TRY_CAST(regexp_extract({v}, '^[0-9]+[/.-]([0-9]+)', 1) AS INTEGER)) FILTER ({slashDate})");
    }

    private static Choice Decide(object?[] m, TextParsing parsing)
    {
        long Count(int i) => Convert.ToInt64(m[i] ?? 0L, CultureInfo.InvariantCulture);
        var present = Count(0);
        bool Fits(long fitting) => fitting > 0 && (present - fitting) * 10 <= present;

        var text = new Choice("VARCHAR", null);
        if (present == 0 || Count(1) > 0)
        {
            return text;
        }
        if (Fits(Count(2)))
        {
            return new Choice("BOOLEAN", null);
        }
        long integers = Count(3), decimals = Count(4), digits = Count(5), scale = Count(6);
        if (Fits(integers) && integers == decimals)
        {
            return digits <= 18 ? new Choice("BIGINT", null) : digits <= 38 ? new Choice("HUGEINT", null) : text;
        }
        if (Fits(decimals))
        {
            var precision = Math.Max(digits + scale, 1);
            return precision <= 38 ? new Choice($"DECIMAL({Math.Max(precision, scale)},{scale})", null) : new Choice("DOUBLE", null);
        }
        if (Fits(Count(7)))
        {
            return new Choice("DOUBLE", null);
        }
        long dates = Count(8), timestamps = Count(9);
        if (timestamps > 0 && Fits(timestamps + dates))
        {
            return new Choice("TIMESTAMP", null);
        }
        long slashed = Count(10), first = Count(11), second = Count(12);
        if (Fits(dates + slashed))
        {
            if (slashed == 0)
            {
                return new Choice("DATE", null);
            }
            var order = parsing.DateOrder
                ?? (first > 12 && second <= 12 ? DateOrder.DayMonthYear
                    : second > 12 && first <= 12 ? DateOrder.MonthDayYear
                    : (DateOrder?)null);
            // Neither order can be told from the values and none was declared: keep the text rather than guess.
            return order is null ? text : new Choice("DATE", order);
        }
        return text;
    }
}
