using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace OpenData.Api.Portal.Datasets;

/// <summary>
/// Lets a publisher's upload without JavaScript, a multipart post buffered whole so that the anti-forgery check can
/// read the form, be as large as <see cref="UploadOptions.MaxUploadBytes"/> instead of Kestrel's 30 MB. Everyone else
/// keeps Kestrel's limit: no anonymous caller can make the server buffer a large body before that check. An
/// authorization filter of order 0, so it runs before the anti-forgery check (order 1000) reads the body.
/// </summary>
public sealed class PublisherUploadSize(UploadOptions options) : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var caller = Caller.From(context.HttpContext.User);
        if (context.RouteData.Values["department"] is string department
            && caller.Role is not null
            && caller.CanWrite(department)
            && context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxUploadBytes + UploadStaging.MultipartOverhead;
        }
    }
}
