namespace OpenData.Api.Portal;

/// <summary>The portal's sign-in: the API key itself, kept in a cookie that scripts cannot read.
/// <see cref="ApiKeyAuthenticationHandler"/> accepts it when a request has no Authorization header.</summary>
public static class SignInCookie
{
    public const string Name = "opendata_key";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var key) && !string.IsNullOrWhiteSpace(key) ? key : null;

    public static void Write(HttpResponse response, string key) =>
        response.Cookies.Append(Name, key, Options(response.HttpContext.Request));

    public static void Delete(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request));

    // Strict: a link from another site never arrives signed in, so it can neither act nor read as the key.
    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
