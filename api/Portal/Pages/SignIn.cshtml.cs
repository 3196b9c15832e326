using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenData.Api.Portal.Pages;

public sealed class SignInModel(ApiKeyStore keys, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            Error = "Enter an API key.";
            return Page();
        }
        var result = await ApiKeyAuthenticationHandler.AuthenticateKeyAsync(keys, clock, key.Trim(), "you entered", HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Error = result.Failure?.Message;
            return Page();
        }
        SignInCookie.Write(Response, key.Trim());
        // Only our own pages: a crafted link must not send a fresh sign-in elsewhere.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
