using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api;

/// <summary>
/// Runs a download's answer, then records it with what was really sent: a file result decides itself between 200,
/// 206, 304 and 416 from the request's Range and conditional headers.
/// </summary>
public sealed class AuditedResult(IResult answer, AuditLog audit, AuditEntry entry, Stopwatch clock) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        string? failure = null;
        try
        {
            await answer.ExecuteAsync(httpContext);
        }
        catch (Exception error)
        {
            failure = error.Message;
            throw;
        }
        finally
        {
            var response = httpContext.Response;
            var status = failure is not null ? StatusCodes.Status500InternalServerError
                : httpContext.RequestAborted.IsCancellationRequested ? SqlRunner.ClientClosedRequest
                : response.StatusCode;
            await audit.RecordAsync(entry with
            {
                // Rows only for the whole file: a range holds an unknown part of them.
                Rows = status == StatusCodes.Status200OK ? entry.Rows : null,
                Bytes = status is StatusCodes.Status200OK or StatusCodes.Status206PartialContent
                    ? response.ContentLength ?? (answer as GrowingFileResult)?.Bytes
                    : status == StatusCodes.Status304NotModified ? 0 : null,
                DurationMs = clock.ElapsedMilliseconds,
                Status = status,
                Error = failure ?? (answer as ProblemHttpResult)?.ProblemDetails.Detail,
            });
        }
    }
}
