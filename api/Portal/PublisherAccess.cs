using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Catalog;

namespace OpenData.Api.Portal;

/// <summary>Who may open the publishing pages of a department: its publishers and admins (<see cref="Caller.CanWrite"/>).</summary>
public static class PublisherAccess
{
    /// <summary>Null when the signed-in key may publish to the department; else where the visitor goes instead: the
    /// sign-in form for the public, a 404 for other keys (as the API, it does not tell what exists).</summary>
    public static IActionResult? Refusal(PageModel page, string department)
    {
        var caller = Caller.From(page.User);
        return caller.Role is null ? page.LocalRedirect("/signin?returnUrl=" + Uri.EscapeDataString(page.Request.Path + page.Request.QueryString))
            : caller.CanWrite(department) ? null
            : NotFoundPage.For(page);
    }

    /// <summary>The dataset when the signed-in key may publish to it; else the refusal (a 404 when it does not exist).</summary>
    public static async Task<(Dataset? Dataset, IActionResult? Refusal)> FindWritableAsync(
        PageModel page, ICatalogStore catalog, string department, string dataset)
    {
        if (Refusal(page, department) is { } refused)
        {
            return (null, refused);
        }
        return await catalog.GetDatasetAsync(department, dataset, page.HttpContext.RequestAborted) is { } found
            ? (found, null)
            : (null, NotFoundPage.For(page));
    }
}
