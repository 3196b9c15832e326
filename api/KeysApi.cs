using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>/api/v1/keys: admins issue keys (shown once), list them without secrets, and revoke them.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/keys").WithTags("Keys").RequireAuthorization(ApiKeyPolicies.Admin);
        group.MapPost("", CreateKey)
            .WithName("CreateKey")
            .WithSummary("Creates an API key for a role, with grants to restricted datasets and an expiry; the secret is in this answer only.");
        group.MapGet("", ListKeys)
            .WithName("ListKeys")
            .WithSummary("Lists every key, revoked and expired ones included, without secrets.");
        group.MapGet("/{id}", GetKey)
            .WithName("GetKey")
            .WithSummary("Gets one key, without its secret.");
        group.MapDelete("/{id}", RevokeKey)
            .WithName("RevokeKey")
            .WithSummary("Revokes a key: refused from the next request on; it stays listed. 409 for the last active admin key.");
        return app;
    }

    public static async Task<Results<Created<KeyCreated>, ProblemHttpResult>> CreateKey(
        KeyRequest request, ApiKeyStore keys, ICatalogStore catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.Invalid("name", "is required.");
        }
        if (request.Role is not { } role)
        {
            return Problems.Invalid("role", "is required: admin, publisher or analyst.");
        }
        if ((role == ApiKeyRole.Publisher) != (request.Department is not null))
        {
            return Problems.Invalid("department", "is required for a publisher key and allowed for no other role.");
        }
        var now = clock.GetUtcNow();
        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return Problems.Invalid("expiresAt", $"must be in the future (now is {now:O}).");
        }
        if (request.Department is not null && await catalog.GetDepartmentAsync(request.Department, cancellationToken) is null)
        {
            return Problems.Unprocessable("department", $"Department '{request.Department}' does not exist.");
        }
        var grants = request.Grants?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (await KeyGrantsCheck.CheckAsync(catalog, role, grants, cancellationToken) is { } problem)
        {
            return problem;
        }

        var (key, secret) = await keys.CreateAsync(request.Name, role, request.Department, grants, request.ExpiresAt, cancellationToken);
        return TypedResults.Created($"/api/v1/keys/{key.Id}", new KeyCreated(KeyView.Of(key, now), secret));
    }

    public static async Task<Ok<IReadOnlyList<KeyView>>> ListKeys(ApiKeyStore keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<KeyView>>((await keys.ListAsync(cancellationToken)).Select(key => KeyView.Of(key, now)).ToList());
    }

    public static async Task<Results<Ok<KeyView>, ProblemHttpResult>> GetKey(
        string id, ApiKeyStore keys, TimeProvider clock, CancellationToken cancellationToken) =>
        await keys.GetAsync(id, cancellationToken) is { } key
            ? TypedResults.Ok(KeyView.Of(key, clock.GetUtcNow()))
            : KeyNotFound(id);

    public static async Task<Results<Ok<KeyView>, ProblemHttpResult>> RevokeKey(
        string id, ApiKeyStore keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (outcome, key) = await keys.RevokeAsync(id, cancellationToken);
        return outcome switch
        {
            KeyRevocation.Revoked => TypedResults.Ok(KeyView.Of(key!, clock.GetUtcNow())),
            KeyRevocation.LastActiveAdmin => TypedResults.Problem(
                $"Key '{id}' is the last active admin key; create another admin key before revoking it.",
                statusCode: StatusCodes.Status409Conflict),
            _ => KeyNotFound(id),
        };
    }

    private static ProblemHttpResult KeyNotFound(string id) => Problems.NotFound($"Key '{id}' does not exist.");
}

/// <summary>The body of POST /api/v1/keys.</summary>
/// <param name="Grants">Restricted datasets the key may read, as "department/dataset".</param>
/// <param name="ExpiresAt">When the key stops working; it must be in the future. Null: never.</param>
public sealed record KeyRequest(
    string? Name, ApiKeyRole? Role, string? Department, IReadOnlyList<string>? Grants = null, DateTimeOffset? ExpiresAt = null);

/// <summary>The new key and its secret, which is not stored and cannot be shown again.</summary>
public sealed record KeyCreated(KeyView Key, string Secret);
