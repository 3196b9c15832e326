using System.Buffers;
using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>
/// One JSON document: <c>{"columns":[{"name","type"}],"rows":[[…]],"truncated":false,"elapsed_ms":12}</c>, where
/// <c>type</c> is DuckDB's type name. Whether it was cut is in the document itself. Without a clock there is no
/// <c>elapsed_ms</c>: downloads are files, which say what they hold, not how long they took.
/// </summary>
public sealed class SqlJsonWriter(string? fileName) : SqlRowWriter(SqlFormat.Json, fileName)
{
    private Utf8JsonWriter? _json;

    private Utf8JsonWriter Json => _json ?? throw new InvalidOperationException("The document has not begun.");

    protected override bool SaysTruncatedOutside => false;

    protected override void Begin(IBufferWriter<byte> output, DuckDBDataReader reader)
    {
        _json = new Utf8JsonWriter(output, SqlValues.JsonOptions);
        _json.WriteStartObject();
        _json.WriteStartArray("columns");
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _json.WriteStartObject();
            _json.WriteString("name", reader.GetName(i));
            _json.WriteString("type", reader.GetDataTypeName(i));
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteStartArray("rows");
        _json.Flush();
    }

    protected override void Row(IBufferWriter<byte> output, DuckDBDataReader reader)
    {
        Json.WriteStartArray();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            SqlValues.WriteJson(Json, reader, i);
        }
        Json.WriteEndArray();
        Json.Flush();
    }

    protected override void End(IBufferWriter<byte> output, bool truncated, long? elapsedMs)
    {
        Json.WriteEndArray();
        Json.WriteBoolean("truncated", truncated);
        if (elapsedMs is { } elapsed)
        {
            Json.WriteNumber("elapsed_ms", elapsed);
        }
        Json.WriteEndObject();
        Json.Dispose();
    }
}
