namespace OpenData.Api;

/// <summary>Settings of GET /api/v1/audit, section "Audit" (environment: Audit__DefaultPageSize, …).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Entries per page when the request gives no limit. Default 100.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest limit a request may ask for. Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;
}
