using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Imports an uploaded file into a DuckDB temp table that <c>LakeWriter.CommitAsync</c> can commit with
/// <see cref="ImportResult.SourceSql"/>. Formats, encodings, delimiters, headers, number and date conventions are
/// detected unless declared; values that do not fit are reported as rejects, and by default any reject fails the
/// import with an <see cref="IngestException"/> that carries the report.
/// </summary>
public static class FileImporter
{
    /// <exception cref="IngestException">The file cannot be read as asked, lacks a contract column, or has more
    /// rejected rows than <see cref="ImportRequest.MaxRejectedRows"/>.</exception>
    public static async Task<ImportResult> ImportAsync(
        DuckDBConnection connection, ImportRequest request, CancellationToken cancellationToken = default)
    {
        var fileName = request.FileName ?? Path.GetFileName(request.FilePath);
        if (!File.Exists(request.FilePath))
        {
            throw new IngestException($"The uploaded file '{fileName}' is not on disk at '{request.FilePath}'.") { FileName = fileName };
        }
        var head = await ReadHeadAsync(request.FilePath, cancellationToken);
        var format = FormatDetector.Detect(request.Format, fileName, head);
        var sha256 = request.Sha256 ?? await FileHash.Sha256Async(request.FilePath, cancellationToken);
        string? transcoded = null;
        try
        {
            switch (format)
            {
                case ImportFormat.Parquet:
                    return await ParquetSource.ImportAsync(connection, request, new FileFacts(fileName, sha256, "binary"), cancellationToken);
                case ImportFormat.Xlsx:
                    return await XlsxSource.ImportAsync(connection, request, new FileFacts(fileName, sha256, "binary"), cancellationToken);
            }
            var encoding = TextEncodings.Detect(request.Encoding, head);
            var utf8Path = request.FilePath;
            if (!TextEncodings.IsUtf8(encoding))
            {
                // DuckDB reads UTF-8 here; others are copied to UTF-8 beside the upload, streaming.
                transcoded = utf8Path = $"{request.FilePath}.{Guid.NewGuid():N}.utf8";
                await Utf8Transcoder.TranscodeAsync(request.FilePath, encoding, transcoded, cancellationToken);
            }
            var facts = new FileFacts(fileName, sha256, encoding.WebName);
            return format is ImportFormat.Json or ImportFormat.Ndjson
                ? await JsonSource.ImportAsync(connection, request, utf8Path, format, facts, cancellationToken)
                // The UTF-8 copy is deleted below, so a file that needed one is read into a table, checked ahead.
                : await CsvSource.ImportAsync(connection, request with { Unchecked = request.Unchecked && transcoded is null }, utf8Path, format, facts, cancellationToken);
        }
        catch (DuckDBException e)
        {
            throw new IngestException($"'{fileName}' could not be read as {format.ToString().ToUpperInvariant()}: {e.Message}", e) { FileName = fileName };
        }
        finally
        {
            if (transcoded is not null)
            {
                File.Delete(transcoded);
            }
        }
    }

    /// <summary>Drops the temp table of an import once it is committed or abandoned.</summary>
    public static async Task DropAsync(DuckDBConnection connection, ImportResult result, CancellationToken cancellationToken = default)
    {
        if (result.TableName is not null)
        {
            await IngestSql.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {result.TableName}", cancellationToken);
        }
    }

    private static async Task<byte[]> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[IngestLimits.SampleBytes];
        await using var stream = File.OpenRead(path);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return buffer[..read];
    }
}
