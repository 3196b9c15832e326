namespace OpenData.Api;

/// <summary>What <see cref="ApiKeyStore.RevokeAsync"/> did.</summary>
public enum KeyRevocation
{
    /// <summary>The key is revoked now (or was already: the first revocation time stays).</summary>
    Revoked,

    NotFound,

    /// <summary>Nothing changed: it is the last active admin key, and without one nobody could manage keys.</summary>
    LastActiveAdmin,
}
