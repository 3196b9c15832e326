namespace OpenData.Api;

/// <summary>What an audit entry records; stored and shown in lowercase ("upload", "query", "download").</summary>
public enum AuditAction
{
    /// <summary>A file uploaded into a dataset (PUT …/data).</summary>
    Upload,

    /// <summary>A SQL query (the SQL endpoint).</summary>
    Query,

    /// <summary>A dataset downloaded as a file.</summary>
    Download,
}
