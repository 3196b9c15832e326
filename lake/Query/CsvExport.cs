namespace OpenData.Lake.Query;

/// <summary>
/// How DuckDB's own <c>COPY … (FORMAT csv)</c> is made to write the bytes of the API's CSV writer (RFC 4180, CRLF,
/// quotes only where needed, NULL an empty field, an empty string <c>""</c>; values as the API's SqlValues spells
/// them): a column whose type DuckDB already writes that way is copied as it is, a few are rewritten in SQL, and a
/// result with any other type (FLOAT, TIMESTAMPTZ, INTERVAL, ENUM, LIST, STRUCT, MAP, …) is not exported this way at
/// all, so that the row writer makes it instead. tests/OpenData.Api.Tests compares both writers byte for byte.
/// </summary>
internal static class CsvExport
{
    /// <summary>COPY's options: DuckDB's defaults otherwise (comma, double quote, NULL as an empty field, ISO dates).</summary>
    public const string CopyOptions = "FORMAT csv, HEADER, NEW_LINE '\\r\\n'";

    private static readonly HashSet<string> AsTheyAre = new(StringComparer.Ordinal)
    {
        "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
        "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
        "VARCHAR", "DATE", "TIME", "TIMESTAMP", "UUID",
    };

    /// <summary>
    /// The SELECT that writes the rows of <paramref name="source"/> (anything that can follow FROM) as the API's CSV
    /// writer does, or null when a column's type cannot be. Values that need their text rewritten get it once, in an
    /// inner SELECT whose columns are all renamed (c0, t0, …), so that no name of the source can clash.
    /// </summary>
    public static string? Select(IReadOnlyList<(string Name, string Type)> columns, string source)
    {
        var inner = new List<string>(columns.Count);
        var outer = new List<string>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var (name, type) = columns[i];
            var (value, text) = ($"c{LakeSql.Int(i)}", $"t{LakeSql.Int(i)}");
            inner.Add($"{LakeSql.Identifier(name)} AS {value}");
            if (type == "DOUBLE")
            {
                inner.Add($"CAST({LakeSql.Identifier(name)} AS VARCHAR) AS {text}");
            }
            if (Value(value, text, type) is not { } written)
            {
                return null;
            }
            outer.Add($"{written} AS {LakeSql.Identifier(name)}");
        }
        return outer.Count == 0 ? null : $"SELECT {string.Join(", ", outer)} FROM (SELECT {string.Join(", ", inner)} FROM {source})";
    }

    private static string? Value(string column, string text, string type)
    {
        if (AsTheyAre.Contains(type) || IsDecimal(type))
        {
            return column;
        }
        return type switch
        {
            "BLOB" => $"to_base64({column})",
            "DOUBLE" => Double(column, text),
            _ => null,
        };
    }

    // DECIMAL(w,s) up to .NET decimal's 28 digits: both keep the scale's trailing zeros (80.00).
    private static bool IsDecimal(string type) =>
        type.StartsWith("DECIMAL(", StringComparison.Ordinal)
        && int.TryParse(type.AsSpan(8, type.IndexOf(',') - 8), out var width) && width <= 28;

    /// <summary>
    /// .NET's shortest round-trip text of a double, from DuckDB's (<paramref name="text"/>): both are the shortest
    /// digits that round-trip, but .NET writes NaN and the infinities by name, no ".0" on whole numbers, an upper-case
    /// E, and fixed notation up to 1e17 where DuckDB switches to an exponent at 1e16 (below 1e-4 both use one).
    /// </summary>
    private static string Double(string column, string text) => $"""
        CASE WHEN isnan({column}) THEN 'NaN'
            WHEN {column} = 'inf'::DOUBLE THEN 'Infinity'
            WHEN {column} = '-inf'::DOUBLE THEN '-Infinity'
            WHEN abs({column}) >= 1e16 AND abs({column}) < 1e17
                THEN CASE WHEN {column} < 0 THEN '-' ELSE '' END || rpad(replace(replace(split_part({text}, 'e', 1), '-', ''), '.', ''), 17, '0')
            WHEN contains({text}, 'e') THEN upper({text})
            WHEN ends_with({text}, '.0') THEN {text}[:-3]
            ELSE {text} END
        """;
}
