using System.Globalization;
using System.Text;

namespace OpenData.Samples;

/// <summary>Writes CSV the same way everywhere: UTF-8 without BOM, "\n" line ends, invariant culture, RFC 4180 quoting.</summary>
public sealed class SampleCsv : ISampleRow, IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly TextWriter writer;
    private bool first = true;

    public SampleCsv(Stream stream, bool leaveOpen = false)
    {
        writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: leaveOpen) { NewLine = "\n" };
    }

    public static string Timestamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Coordinate(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";

    public ISampleRow Field(string? value)
    {
        if (!first)
        {
            writer.Write(',');
        }
        first = false;
        if (value is null)
        {
            return this;
        }
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            writer.Write('"');
            writer.Write(value.Replace("\"", "\"\""));
            writer.Write('"');
        }
        else
        {
            writer.Write(value);
        }
        return this;
    }

    public void EndRow()
    {
        writer.Write('\n');
        first = true;
    }

    public void Row(params string?[] values)
    {
        foreach (var value in values)
        {
            Field(value);
        }
        EndRow();
    }

    public void Dispose()
    {
        writer.Flush();
        writer.Dispose();
    }
}
