using System.Text.Json;

namespace OpenData.Samples;

/// <summary>
/// One row as a JSON object, <c>{"ticket_id":1,"issued_at":"2023-05-02 08:14:09",…}</c>: numbers and booleans as
/// JSON literals (the invariant text the generators write is valid JSON for them), everything else as strings, and a
/// missing value as null. Compact and in schema order, like a producer's serializer would write it.
/// </summary>
public sealed class SampleJson : ISampleRow
{
    private static readonly string[] LiteralTypes = ["BIGINT", "INTEGER", "SMALLINT", "DOUBLE", "DECIMAL", "BOOLEAN"];

    private readonly IReadOnlyList<SampleColumn> schema;
    private readonly MemoryStream buffer = new();
    private readonly Utf8JsonWriter writer;
    private int column;

    public SampleJson(IReadOnlyList<SampleColumn> schema)
    {
        this.schema = schema;
        // Plain UTF-8 for names like 沪A12345, as a Kafka producer would send them (no \u escapes).
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
    }

    /// <summary>The finished object, after <see cref="EndRow"/>.</summary>
    public byte[] Record { get; private set; } = [];

    public ISampleRow Field(string? value)
    {
        var (name, type, _, _) = schema[column++];
        writer.WritePropertyName(name);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (LiteralTypes.Any(literal => type.StartsWith(literal, StringComparison.Ordinal)))
        {
            writer.WriteRawValue(value);
        }
        else
        {
            writer.WriteStringValue(value);
        }
        return this;
    }

    public void EndRow()
    {
        writer.WriteEndObject();
        writer.Flush();
        Record = buffer.ToArray();
    }
}
