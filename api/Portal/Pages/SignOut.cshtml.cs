using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenData.Api.Portal.Pages;

/// <summary>A POST (with its anti-forgery token), so another site cannot sign a visitor out with a link or an image.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        SignInCookie.Delete(Response);
        return LocalRedirect("/");
    }
}
