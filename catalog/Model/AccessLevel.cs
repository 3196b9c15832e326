namespace OpenData.Catalog;

/// <summary>Who may read a dataset (see "Access and privacy" in ARCHITECTURE.md).</summary>
public enum AccessLevel
{
    /// <summary>Everyone, through the public projection without personal columns.</summary>
    Public,

    /// <summary>Analysts and the owning department.</summary>
    Internal,

    /// <summary>The owning department and keys granted by name.</summary>
    Restricted,
}
