using System.Buffers;
using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>Newline-delimited JSON: one object per row, named by column.</summary>
public sealed class SqlNdjsonWriter(string? fileName) : SqlRowWriter(SqlFormat.Ndjson, fileName)
{
    private Utf8JsonWriter? _json;
    private string[] _names = [];

    protected override void Begin(IBufferWriter<byte> output, DuckDBDataReader reader)
    {
        _json = new Utf8JsonWriter(output, SqlValues.JsonOptions);
        _names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
    }

    protected override void Row(IBufferWriter<byte> output, DuckDBDataReader reader)
    {
        var json = _json!;
        json.WriteStartObject();
        for (var i = 0; i < _names.Length; i++)
        {
            json.WritePropertyName(_names[i]);
            SqlValues.WriteJson(json, reader, i);
        }
        json.WriteEndObject();
        // One JSON value per line: commit it, add the newline, and start the next value afresh.
        json.Flush();
        output.Write("\n"u8);
        json.Reset();
    }

    protected override void End(IBufferWriter<byte> output, bool truncated, long? elapsedMs) => _json?.Dispose();
}
