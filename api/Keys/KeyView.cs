namespace OpenData.Api;

/// <summary>A key as the API shows it: everything but the secret (which is not stored) and its hash, plus its state now.</summary>
public sealed record KeyView(
    string Id,
    string Name,
    ApiKeyRole Role,
    string? Department,
    IReadOnlyList<string> Grants,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    ApiKeyState State)
{
    public static KeyView Of(ApiKey key, DateTimeOffset now) =>
        new(key.Id, key.Name, key.Role, key.Department, key.Grants, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.StateAt(now));
}
