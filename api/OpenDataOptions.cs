namespace OpenData.Api;

/// <summary>The platform's own settings, section "OpenData" (environment: OpenData__DataDirectory, …).</summary>
public sealed class OpenDataOptions
{
    /// <summary>Where the lake, the catalog and staging live; relative paths are taken from the content root. Default: "data".</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The admin API key (at least 16 characters). When absent, one is generated on the first start and written
    /// to the log once; only its hash is kept.
    /// </summary>
    public string? AdminKey { get; set; }
}
