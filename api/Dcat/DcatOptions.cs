namespace OpenData.Api;

/// <summary>How the catalog describes itself to harvesters, section "Dcat" (environment: Dcat__Publisher, …).</summary>
public sealed class DcatOptions
{
    public const string Section = "Dcat";

    /// <summary>The catalog's title in /catalog.jsonld and schema.org's DataCatalog.</summary>
    public string Title { get; set; } = "Open data catalog";

    public string Description { get; set; } = "Public datasets of the government's departments.";

    /// <summary>Who publishes the catalog as a whole: the catalog's dct:publisher, and the organisation every
    /// department is a sub-organisation of in /data.json.</summary>
    public string Publisher { get; set; } = "Open data platform";

    /// <summary>The contact email of datasets whose department's contact is not an email address; DCAT-US requires one.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>DCAT-US bureauCode ("015:11") given to every dataset; required of US federal agencies only.</summary>
    public string? BureauCode { get; set; }

    /// <summary>DCAT-US programCode ("015:001") given to every dataset; required of US federal agencies only.</summary>
    public string? ProgramCode { get; set; }
}
