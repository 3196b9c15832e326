using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

/// <summary>How catalog values are stored in SQLite columns, written once for every table.</summary>
internal static class SqliteValues
{
    // Fixed-width UTC text with full tick precision: sorts and compares as text, round-trips exactly.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Enums inside JSON columns by name, as in enum columns (see Text below).
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(
            reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ReadTimeOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.ReadTime(ordinal);

    public static string? ReadStringOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? ReadInt64OrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static int? ReadInt32OrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>Short lists (keywords, key columns) are JSON arrays: one column, order kept, and
    /// <c>json_each</c> can still filter on them.</summary>
    public static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, JsonOptions);

    public static IReadOnlyList<string> ReadList(this SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal), JsonOptions) ?? [];

    public static string? Json(IReadOnlyList<ContractColumn>? contract) =>
        contract is null ? null : JsonSerializer.Serialize(contract, JsonOptions);

    public static IReadOnlyList<ContractColumn>? ReadContract(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : JsonSerializer.Deserialize<ContractColumn[]>(reader.GetString(ordinal), JsonOptions) ?? [];

    /// <summary>Nested values (a pipeline's checks, a run's inputs) as JSON objects or arrays.</summary>
    public static string? JsonObject<T>(T? value) where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, JsonOptions);

    public static T? ReadJsonOrNull<T>(this SqliteDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : JsonSerializer.Deserialize<T>(reader.GetString(ordinal), JsonOptions);

    /// <summary>Enums are stored as lowercase names (<c>public</c>, <c>append</c>) so the file reads well
    /// and reordering an enum cannot change stored meaning.</summary>
    public static string Text<TEnum>(TEnum value) where TEnum : struct, Enum =>
        value.ToString().ToLowerInvariant();

    public static TEnum ReadEnum<TEnum>(this SqliteDataReader reader, int ordinal) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(reader.GetString(ordinal), ignoreCase: true);
}
