namespace OpenData.Api;

/// <summary>Where a query job stands; shown in lowercase ("running", "succeeded", "failed", "cancelled").</summary>
public enum SqlQueryState
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
