using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenData.Api.Portal;

namespace OpenData.Api;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;API key&gt;</c>, or without that header the portal's <see cref="SignInCookie"/>.
/// Neither: anonymous (no result). A key that is unknown, revoked or expired fails; when it came in the header,
/// <see cref="ApiKeyAuthenticationExtensions.UseApiKeys"/> answers 401 for it on every route (a stale cookie leaves
/// the pages anonymous). The key is looked up on every request, never cached, so a revocation holds from the next request.
/// Challenges and refusals are problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Where CKAN's clients may send their key instead of Authorization (on CKAN's routes).</summary>
    public const string CkanKeyHeader = "X-CKAN-API-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (CkanClientKey(header) is { } ckanKey)
        {
            return await AuthenticateKeyAsync(keys, clock, ckanKey, "in CKAN's Authorization or X-CKAN-API-Key header", Context.RequestAborted);
        }
        if (string.IsNullOrEmpty(header))
        {
            // The portal's pages and their scripts are signed in by the cookie; an explicit header always wins.
            var cookieKey = SignInCookie.Read(Request);
            return cookieKey is null
                ? AuthenticateResult.NoResult()
                : await AuthenticateKeyAsync(keys, clock, cookieKey, "in the sign-in cookie", Context.RequestAborted);
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <API key>'.");
        }
        return await AuthenticateKeyAsync(keys, clock, header["Bearer ".Length..].Trim(), "in the Authorization header", Context.RequestAborted);
    }

    /// <summary>
    /// On CKAN's routes, the key as CKAN's own clients send it (ckanapi, harvesters): bare in Authorization, without a
    /// scheme, or in X-CKAN-API-Key. Null elsewhere, or when the request carries neither.
    /// </summary>
    private string? CkanClientKey(string authorization)
    {
        if (!Request.Path.StartsWithSegments(CkanApi.RoutePrefix) && !Request.Path.StartsWithSegments(CkanApi.UnversionedRoutePrefix))
        {
            return null;
        }
        if (authorization.Length > 0 && !authorization.Contains(' ', StringComparison.Ordinal))
        {
            return authorization;
        }
        return authorization.Length == 0 && Request.Headers[CkanKeyHeader].ToString() is { Length: > 0 } key ? key : null;
    }

    /// <summary>Checks a key (unknown, revoked, expired) and gives its claims; also what the portal's sign-in form uses.</summary>
    /// <param name="where">Where the key came from, for the failure message.</param>
    public static async Task<AuthenticateResult> AuthenticateKeyAsync(
        ApiKeyStore keys, TimeProvider clock, string secret, string where, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(secret, cancellationToken);
        if (key is null)
        {
            return AuthenticateResult.Fail($"The API key {where} is not valid.");
        }
        switch (key.StateAt(clock.GetUtcNow()))
        {
            case ApiKeyState.Revoked:
                return AuthenticateResult.Fail($"The API key '{key.Name}' [{key.Id}] was revoked at {key.RevokedAt:O}.");
            case ApiKeyState.Expired:
                return AuthenticateResult.Fail($"The API key '{key.Name}' [{key.Id}] expired at {key.ExpiresAt:O}.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, $"{key.Name} [{key.Id}]"),
            new(ClaimTypes.Role, ApiKeyStore.RoleText(key.Role)),
            new(Caller.KeyNameClaim, key.Name),
        };
        claims.AddRange(key.Grants.Select(grant => new Claim(Caller.GrantClaim, grant)));
        if (key.Department is not null)
        {
            claims.Add(new Claim(Caller.DepartmentClaim, key.Department));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = result.Failure?.Message ?? "This endpoint needs an API key: send 'Authorization: Bearer <API key>'.";
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Caller.From(Context.User).Role?.ToString().ToLowerInvariant();
        return TypedResults.Problem(
            $"A key with the role '{role}' may not {Request.Method} {Request.Path}.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
