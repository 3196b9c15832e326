using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>
/// DuckDB values as JSON and as CSV text, the same for every format: numbers stay numbers (decimals exact), dates and
/// times are ISO 8601, BLOBs base64, lists arrays and structs and maps objects; non-finite floats are the strings
/// "NaN", "Infinity" and "-Infinity", which JSON numbers cannot spell. CSV separates a timestamp's date and time with a
/// space rather than a T (RFC 3339 allows either): spreadsheets read that as a date and time, and it is DuckDB's own
/// text, so that DuckDB's COPY writes CSV downloads without rewriting a value (lake/Query/CsvExport.cs).
/// </summary>
public static class SqlValues
{
    /// <summary>Non-ASCII text (沪A12345) is written as itself, not \u escapes; the answers are not HTML.</summary>
    public static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteJson(Utf8JsonWriter json, DuckDBDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNullValue();
        }
        else
        {
            WriteJson(json, reader.GetValue(ordinal));
        }
    }

    /// <summary>The value as a CSV field's text, or null for SQL NULL (an empty, unquoted field).</summary>
    public static string? Text(DuckDBDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        var value = reader.GetValue(ordinal);
        return value switch
        {
            string text => text,
            bool flag => flag ? "true" : "false",
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            DateOnly or TimeOnly => Iso(value),
            byte[] bytes => Convert.ToBase64String(bytes),
            float or double => NonFinite(value) ?? Convert.ToString(value, CultureInfo.InvariantCulture),
            IEnumerable => NestedJson(value),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case float or double when NonFinite(value) is { } name:
                json.WriteStringValue(name);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or Int128 or UInt128:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, skipInputValidation: true);
                break;
            case DateTime or DateTimeOffset or DateOnly or TimeOnly:
                json.WriteStringValue(Iso(value));
                break;
            case byte[] bytes:
                json.WriteBase64StringValue(bytes);
                break;
            case IDictionary entries:
                // STRUCT (field names) and MAP (keys as text).
                json.WriteStartObject();
                foreach (DictionaryEntry entry in entries)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteJson(json, entry.Value);
                }
                json.WriteEndObject();
                break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteJson(json, item);
                }
                json.WriteEndArray();
                break;
            default:
                // INTERVAL, UUID, SqlDecimal: their text.
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Iso(object value) => value switch
    {
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException("Not a date or time.", nameof(value)),
    };

    private static string? NonFinite(object value) => value switch
    {
        double d when double.IsNaN(d) => "NaN",
        double d when double.IsPositiveInfinity(d) => "Infinity",
        double d when double.IsNegativeInfinity(d) => "-Infinity",
        float f when float.IsNaN(f) => "NaN",
        float f when float.IsPositiveInfinity(f) => "Infinity",
        float f when float.IsNegativeInfinity(f) => "-Infinity",
        _ => null,
    };

    private static string NestedJson(object value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteJson(json, value);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
