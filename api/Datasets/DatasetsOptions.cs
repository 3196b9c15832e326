namespace OpenData.Api;

/// <summary>Settings of the dataset endpoints, section "DatasetsOptions" (environment: DatasetsOptions__MaxPageSize, …).</summary>
public sealed class DatasetsOptions
{
    /// <summary>Datasets per page of GET /api/v1/datasets when the request gives no limit.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>The largest limit a request may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;
}
