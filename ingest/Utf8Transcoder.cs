using System.Text;

namespace OpenData.Ingest;

/// <summary>Copies a text file to UTF-8 in blocks, because DuckDB's readers take UTF-8 only (here).</summary>
internal static class Utf8Transcoder
{
    public static async Task TranscodeAsync(string source, Encoding encoding, string target, CancellationToken cancellationToken)
    {
        // A decoder that throws on bytes the encoding cannot have, so a wrong declared encoding is an error, not '?'s.
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            using var reader = new StreamReader(source, strict, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            await using var writer = new StreamWriter(target, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
            var buffer = new char[1 << 15];
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new IngestException(
                $"The file is not valid {encoding.WebName}: bytes at position {e.Index} cannot be decoded; declare its encoding.", e);
        }
    }
}
