using System.Buffers;
using System.Globalization;
using System.Text;
using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>
/// CSV as RFC 4180 has it: a header of column names, CRLF line ends, fields quoted when they hold a comma, a quote
/// or a line break. NULL is an empty field and an empty string a quoted one ("").
/// </summary>
public sealed class SqlCsvWriter(string? fileName) : SqlRowWriter(SqlFormat.Csv, fileName)
{
    private readonly StringBuilder _line = new();

    protected override void Begin(IBufferWriter<byte> output, DuckDBDataReader reader)
    {
        _line.Clear();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }
            Append(reader.GetName(i));
        }
        EndLine(output);
    }

    protected override void Row(IBufferWriter<byte> output, DuckDBDataReader reader)
    {
        _line.Clear();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }
            if (reader.IsDBNull(i))
            {
                continue;
            }
            // The common types straight from the vector, without boxing or a string per value.
            var type = reader.GetFieldType(i);
            if (type == typeof(long))
            {
                _line.Append(CultureInfo.InvariantCulture, $"{reader.GetInt64(i)}");
            }
            else if (type == typeof(int))
            {
                _line.Append(CultureInfo.InvariantCulture, $"{reader.GetInt32(i)}");
            }
            else if (type == typeof(decimal))
            {
                _line.Append(CultureInfo.InvariantCulture, $"{reader.GetDecimal(i)}");
            }
            else if (type == typeof(string))
            {
                Append(reader.GetString(i));
            }
            else
            {
                Append(SqlValues.Text(reader, i));
            }
        }
        EndLine(output);
    }

    protected override void End(IBufferWriter<byte> output, bool truncated, long? elapsedMs)
    {
    }

    private void EndLine(IBufferWriter<byte> output)
    {
        _line.Append("\r\n");
        foreach (var chunk in _line.GetChunks())
        {
            Encoding.UTF8.GetBytes(chunk.Span, output);
        }
    }

    private void Append(string? field)
    {
        if (field is null)
        {
            return;
        }
        if (field.Length > 0 && field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _line.Append(field);
            return;
        }
        _line.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
    }
}
