namespace OpenData.Api;

/// <summary>
/// A whole-file download sent while it is being made: the finished file's headers (type, name, ETag, Last-Modified)
/// but no length, and its bytes as they are written. When the making fails midway the exception ends the answer,
/// so that the connection is aborted and a cut file never passes for a whole one.
/// </summary>
public sealed class GrowingFileResult(DownloadMaking making, DownloadTarget target) : IResult
{
    /// <summary>The bytes sent, once the whole file was.</summary>
    public long? Bytes { get; private set; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = SqlFormats.ContentType(target.Format);
        SqlRowWriter.Attach(response, target.FileName);
        var headers = response.GetTypedHeaders();
        headers.ETag = target.ETag(gzip: false);
        headers.LastModified = target.LastModified;
        Bytes = await making.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
