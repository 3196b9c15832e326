using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// The API edge for exceptions: a <see cref="CatalogException"/> becomes the problem its kind stands for, and a
/// request that cannot be read (bad JSON, a missing body) becomes 400 saying where. Anything else stays a 500.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string detail;
        switch (exception)
        {
            case CatalogException catalog:
                status = StatusOf(catalog.Kind);
                detail = catalog.Message;
                break;
            case BadHttpRequestException badRequest:
                status = badRequest.StatusCode;
                // The JSON reader's message names the property path and position: keep it.
                detail = badRequest.InnerException is JsonException json ? $"{badRequest.Message} {json.Message}" : badRequest.Message;
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }

    public static int StatusOf(CatalogErrorKind kind) => kind switch
    {
        CatalogErrorKind.NotFound => StatusCodes.Status404NotFound,
        CatalogErrorKind.AlreadyExists or CatalogErrorKind.VersionConflict => StatusCodes.Status409Conflict,
        CatalogErrorKind.InvalidValue => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
