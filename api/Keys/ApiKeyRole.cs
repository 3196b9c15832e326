namespace OpenData.Api;

/// <summary>What an API key may do (see "Access and privacy" in ARCHITECTURE.md). No key at all means anonymous: public data only.</summary>
public enum ApiKeyRole
{
    /// <summary>Everything, on every department.</summary>
    Admin,

    /// <summary>Writes its own department's datasets and reads everything that department owns.</summary>
    Publisher,

    /// <summary>Reads public and internal datasets of every department.</summary>
    Analyst,
}
