using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OpenData.Ingest;

namespace OpenData.Api;

/// <summary>
/// Streams the file of a <c>PUT …/data</c> request, raw body or the one file of a multipart form, to a staged
/// file: a buffer at a time, never whole in memory, counted against <see cref="UploadOptions.MaxUploadBytes"/>.
/// </summary>
public static class UploadStaging
{
    private const int BufferSize = 1 << 20;

    /// <summary>Room for multipart boundaries and part headers on top of the file itself.</summary>
    public const long MultipartOverhead = 1 << 20;

    public static async Task<(StagedUpload? Upload, ProblemHttpResult? Problem)> StageAsync(
        HttpRequest request, string? formatParameter, string uploadsFolder, long maxBytes, CancellationToken cancellationToken)
    {
        var multipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (request.ContentLength > maxBytes + (multipart ? MultipartOverhead : 0))
        {
            return (null, TooLarge(maxBytes));
        }
        // Kestrel's own limit (30 MB) would refuse large files first: this endpoint counts the bytes itself.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = multipart ? maxBytes + MultipartOverhead : null;
        }

        if (!multipart)
        {
            var fileName = FileNameOf(request.Headers.ContentDisposition.ToString());
            return await StageAsync(request.Body, formatParameter, request.ContentType, fileName, uploadsFolder, maxBytes, cancellationToken);
        }

        var boundary = HeaderUtilities.RemoveQuotes(media!.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, Problems.Invalid("body", "a multipart/form-data body needs a boundary in its content type."));
        }
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            // The first part with a file name is the file; other form fields are ignored.
            if (FileNameOf(section.ContentDisposition) is { } partName)
            {
                return await StageAsync(section.Body, formatParameter, section.ContentType, partName, uploadsFolder, maxBytes, cancellationToken);
            }
        }
        return (null, Problems.Invalid("file", "the multipart/form-data body has no file field."));
    }

    private static async Task<(StagedUpload?, ProblemHttpResult?)> StageAsync(
        Stream body, string? formatParameter, string? contentType, string? fileName, string uploadsFolder, long maxBytes,
        CancellationToken cancellationToken)
    {
        if (UploadFormats.Resolve(formatParameter, contentType, fileName) is not { } format)
        {
            return (null, TypedResults.Problem(
                UploadFormats.Describe(formatParameter, contentType, fileName), statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        Directory.CreateDirectory(uploadsFolder);
        var path = Path.Combine(uploadsFolder, Guid.NewGuid().ToString("N") + UploadFormats.Extension(format));
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var complete = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    bytes += read;
                    if (bytes > maxBytes)
                    {
                        return (null, TooLarge(maxBytes));
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (bytes == 0)
            {
                return (null, Problems.Invalid("body", "the uploaded file is empty."));
            }
            complete = true;
            var name = string.IsNullOrWhiteSpace(fileName) ? "upload" + UploadFormats.Extension(format) : Path.GetFileName(fileName);
            return (new StagedUpload(path, name, format, bytes, Convert.ToHexStringLower(hash.GetHashAndReset())), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!complete)
            {
                File.Delete(path);
            }
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        $"The upload is larger than the limit of {maxBytes:N0} bytes (setting {UploadOptions.Section}:{nameof(UploadOptions.MaxUploadBytes)}).",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string? FileNameOf(string? contentDisposition) =>
        ContentDispositionHeaderValue.TryParse(contentDisposition, out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value is { Length: > 0 } name ? name : null
            : null;
}
