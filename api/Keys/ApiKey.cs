namespace OpenData.Api;

/// <summary>A stored API key without its secret: the store keeps only the secret's SHA-256.</summary>
/// <param name="Department">The department a publisher key writes for; null for other roles.</param>
public sealed record ApiKey(string Id, string Name, ApiKeyRole Role, string? Department, DateTimeOffset CreatedAt)
{
    /// <summary>Datasets this key may read beyond what its role sees, as "department/dataset" (<see cref="DatasetGrant"/>).</summary>
    public IReadOnlyList<string> Grants { get; init; } = [];

    /// <summary>From this moment on the key is refused; null: it does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When an admin revoked it; a revoked key is refused and stays listed.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    public ApiKeyState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyState.Revoked
        : ExpiresAt <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;
}
