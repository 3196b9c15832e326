using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenData.Api.Portal;

/// <summary>
/// A browser sends the sign-in cookie with every request, so a cookie-authenticated request that changes something
/// (any method but GET, HEAD, OPTIONS, TRACE) must prove it comes from our pages: the anti-forgery token in the
/// <see cref="HeaderName"/> header (page scripts) or the form. Requests with an Authorization header (API clients)
/// carry their key explicitly and are not checked; Razor Pages validate their own forms.
/// </summary>
public sealed class PortalAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-CSRF-Token";

    public const string CookieName = "opendata_antiforgery";

    public async Task InvokeAsync(HttpContext context)
    {
        if (NeedsToken(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            await TypedResults.Problem(
                $"This request is signed in by the portal's cookie, so it needs the anti-forgery token in the '{HeaderName}' header.",
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool NeedsToken(HttpContext context)
    {
        var request = context.Request;
        return !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method)
            && request.Headers.Authorization.Count == 0
            && SignInCookie.Read(request) is not null
            && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null;
    }
}
