namespace OpenData.Catalog;

/// <summary>Why the catalog refused an operation; the API maps each to one HTTP status.</summary>
public enum CatalogErrorKind
{
    /// <summary>The department, dataset or version does not exist (404).</summary>
    NotFound,

    /// <summary>A department or dataset with that slug exists already (409).</summary>
    AlreadyExists,

    /// <summary>The dataset's current version is not the one the caller expected, or the operation would
    /// remove the current version (409).</summary>
    VersionConflict,

    /// <summary>A value breaks a catalog rule, such as a malformed slug or checksum (400).</summary>
    InvalidValue,

    /// <summary>A streamed commit's offsets overlap what the dataset already holds: another consumer took those
    /// records first, and committing them again would duplicate them (409).</summary>
    StreamOffsetConflict,
}
