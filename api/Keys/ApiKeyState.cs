namespace OpenData.Api;

/// <summary>Whether a key is accepted now; only <see cref="Active"/> keys authenticate.</summary>
public enum ApiKeyState
{
    Active,
    Expired,
    Revoked,
}
