using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenData.Api.Portal;

/// <summary>
/// A 404 that a browser can read: the page Shared/NotFound in the portal's layout. A bare 404 would become the API's
/// problem JSON (UseStatusCodePages), which is right for API clients and no help to a visitor.
/// </summary>
public static class NotFoundPage
{
    public static IActionResult For(PageModel page) =>
        new ViewResult { ViewName = "/Portal/Pages/Shared/NotFound.cshtml", StatusCode = StatusCodes.Status404NotFound, ViewData = page.ViewData };
}
