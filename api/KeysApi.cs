using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>/api/v1/keys: more keys (analysts, extra publishers, admins), made by an admin and shown once.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/keys", CreateKey)
            .WithTags("Keys")
            .RequireAuthorization(ApiKeyPolicies.Admin)
            .WithName("CreateKey")
            .WithSummary("Creates an API key for a role; the secret is in this answer only.");
        return app;
    }

    public static async Task<Results<Created<KeyCreated>, ProblemHttpResult>> CreateKey(
        KeyRequest request, ApiKeyStore keys, ICatalogStore catalog, CancellationToken cancellationToken)
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
        if (request.Department is not null && await catalog.GetDepartmentAsync(request.Department, cancellationToken) is null)
        {
            return Problems.Unprocessable("department", $"Department '{request.Department}' does not exist.");
        }

        var (key, secret) = await keys.CreateAsync(request.Name, role, request.Department, cancellationToken);
        return TypedResults.Created((string?)null, new KeyCreated(key, secret));
    }
}

/// <summary>The body of POST /api/v1/keys.</summary>
public sealed record KeyRequest(string? Name, ApiKeyRole? Role, string? Department);

/// <summary>The new key and its secret, which is not stored and cannot be shown again.</summary>
public sealed record KeyCreated(ApiKey Key, string Secret);
