using System.Globalization;
using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Chooses a DuckDB type for each text column from all its values, in one pass. A type is chosen when at least
/// 90% of the non-missing values fit it: the others become rejects rather than turning the column into text.
/// Integers with leading zeros make a column text (postal and FIPS codes); integers stay exact (BIGINT, HUGEINT);
/// decimals become DECIMAL(18,s) or DECIMAL(38,s) with the widest scale seen, DOUBLE only for exponents or beyond 38 digits.
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
        // One scan for all columns. Each value is trimmed and read as a number once, then sorted into one kind
        // (number, ISO date, timestamp, slashed date, other) by a cascade that stops at the first kind it fits, so
        // that a value is matched against one or two patterns rather than all of them.
        var range = Enumerable.Range(0, columns.Count).ToList();
        string Cols(Func<int, string> f) => string.Join(", ", range.Select(f));
        var trimmed = $"SELECT {Cols(i => $"trim({columns[i]}) AS v{i}")} FROM {source}";
        var numbers = $"SELECT {Cols(i => $"v{i}, {parsing.Number($"v{i}")} AS n{i}")} FROM ({trimmed})";
        var kinds = $"SELECT {Cols(i => $"v{i}, n{i}, {Kind($"v{i}", $"n{i}")} AS k{i}")} FROM ({numbers})";
        var unsigned = $"SELECT {Cols(i => $"v{i}, n{i}, k{i}, (CASE WHEN k{i} = {Number} THEN {Unsigned($"n{i}")} END) AS u{i}")} FROM ({kinds})";
        var select = string.Join(",\n", range.Select(Measure));
        var row = (await IngestSql.RowsAsync(connection, $"SELECT {select} FROM ({unsigned})", cancellationToken)).Single();
        return columns.Select((_, i) => Decide(row.AsSpan(i * Measures, Measures).ToArray(), parsing)).ToList();
    }

    private const int Number = 1, IsoDate = 2, IsoTimestamp = 3, SlashDate = 4, Other = 5;

    private const string DecimalPattern = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)";

    /// <summary>
    /// The one kind a value is. The kinds exclude each other: a number (<see cref="DecimalPattern"/> over the value
    /// read as a number) has no '-' after its sign, ':' or second '.', and the date patterns differ in their separators
    /// and first part. Numbers start with a sign, a point or a digit, dates with a digit.
    /// </summary>
    private static string Kind(string v, string n) =>
        $"(CASE WHEN {v} IS NULL OR {v} = '' THEN 0 " +
        $"WHEN (ascii({n}) BETWEEN 48 AND 57 OR ascii({n}) IN (43, 45, 46)) AND regexp_full_match({n}, '{DecimalPattern}') THEN {Number} " +
        $"WHEN NOT ascii({v}) BETWEEN 48 AND 57 THEN {Other} " +
        $"WHEN regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}') AND TRY_CAST({v} AS DATE) IS NOT NULL THEN {IsoDate} " +
        $"WHEN regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[T ][0-9]{{2}}:[0-9]{{2}}.*') AND TRY_CAST({v} AS TIMESTAMP) IS NOT NULL THEN {IsoTimestamp} " +
        $"WHEN regexp_full_match({v}, '{TextParsing.SlashDatePattern}') THEN {SlashDate} " +
        $"ELSE {Other} END)";

    /// <summary>The value without one leading sign, as <c>[+-]?</c> reads it.</summary>
    private static string Unsigned(string v) => $"(CASE WHEN starts_with({v}, '+') OR starts_with({v}, '-') THEN substr({v}, 2) ELSE {v} END)";

    /// <summary>
    /// The 13 measures of column <paramref name="i"/> over <c>v</c> (trimmed), <c>n</c> (read as a number), <c>k</c>
    /// (its <see cref="Kind"/>) and, for numbers, <c>u</c> (<c>n</c> unsigned: digits with at most one point).
    /// An integer is a number without a point.
    /// </summary>
    private static string Measure(int i)
    {
        string v = $"v{i}", n = $"n{i}", k = $"k{i}", u = $"u{i}";
        // Missing markers are 2 to 4 ASCII characters long; booleans 4 or 5.
        var missing = $"({v} IS NULL OR {v} = '' OR (CASE WHEN strlen({v}) BETWEEN 2 AND 4 THEN lower({v}) IN ('na', 'n/a', 'null', 'nan', '#n/a') ELSE false END))";
        var point = $"strpos({u}, '.')";
        var integerDigits = $"(CASE WHEN {point} = 0 THEN strlen({u}) ELSE {point} - 1 END)";
        var digits = $"(CASE WHEN starts_with({u}, '0') THEN length(ltrim(left({u}, {integerDigits}), '0')) ELSE {integerDigits} END)";
        var slashed = $"{k} = {SlashDate}";
        return string.Join(", ",
            $"CAST(count_if(NOT {missing}) AS BIGINT)",
            $"CAST(count_if({TextParsing.HasLeadingZero(v)}) AS BIGINT)",
            $"CAST(count_if(CASE WHEN strlen({v}) IN (4, 5) THEN lower({v}) IN ('true', 'false') ELSE false END) AS BIGINT)",
            $"CAST(count_if({k} = {Number} AND NOT contains({n}, '.')) AS BIGINT)",
            $"CAST(count_if({k} = {Number}) AS BIGINT)",
            $"max(CASE WHEN {k} = {Number} THEN {digits} END)",
            $"max(CASE WHEN {k} = {Number} THEN (CASE WHEN {point} = 0 THEN 0 ELSE strlen({u}) - {point} END) END)",
            $"CAST(count_if(TRY_CAST({n} AS DOUBLE) IS NOT NULL) AS BIGINT)",
            $"CAST(count_if({k} = {IsoDate}) AS BIGINT)",
            $"CAST(count_if({k} = {IsoTimestamp}) AS BIGINT)",
            $"CAST(count_if({slashed}) AS BIGINT)",
            // The largest first and second parts of slashed dates: above 12 tells day from month.
            $"max(CASE WHEN {slashed} THEN TRY_CAST(regexp_extract({v}, '^([0-9]+)', 1) AS INTEGER) END)",
            $"max(CASE WHEN {slashed} THEN TRY_CAST(regexp_extract({v}, '^[0-9]+[/.-]([0-9]+)', 1) AS INTEGER) END)");
    }

    /// <summary>True when the numbers of a ;- or tab-separated file use a decimal comma (<c>6069,36</c>) and none a decimal point.</summary>
    public static async Task<bool> DetectDecimalCommaAsync(
        DuckDBConnection connection, string source, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        if (columns.Count == 0)
        {
            return false;
        }
        // The patterns need a comma and a point respectively: the cheap test guards the regular expression.
        string Any(string needle, string pattern) => string.Join(" OR ", columns.Select(c =>
            $"(CASE WHEN contains({c}, '{needle}') THEN regexp_full_match(trim({c}), '{pattern}') ELSE false END)"));
        var sql = $"SELECT coalesce(bool_or({Any(",", "[+-]?[0-9]{1,3}(\\.[0-9]{3})*,[0-9]+")}), false) " +
                  $"AND NOT coalesce(bool_or({Any(".", "[+-]?[0-9]+\\.([0-9]{1,2}|[0-9]{4,})")}), false) FROM {source}";
        var row = (await IngestSql.RowsAsync(connection, sql, cancellationToken)).Single();
        return row[0] is true;
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
            // 18 or 38 digits rather than just those seen: later appends of larger amounts must still fit.
            var precision = digits + scale;
            return precision <= 18 ? new Choice($"DECIMAL(18,{scale})", null)
                : precision <= 38 ? new Choice($"DECIMAL(38,{scale})", null) : new Choice("DOUBLE", null);
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
