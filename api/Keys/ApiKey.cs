namespace OpenData.Api;

/// <summary>A stored API key without its secret: the store keeps only the secret's SHA-256.</summary>
/// <param name="Department">The department a publisher key writes for; null for other roles.</param>
public sealed record ApiKey(string Id, string Name, ApiKeyRole Role, string? Department, DateTimeOffset CreatedAt);
