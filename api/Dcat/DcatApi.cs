namespace OpenData.Api;

/// <summary>
/// The catalog for harvesters: <c>/data.json</c> (DCAT-US 1.1) and <c>/catalog.jsonld</c> (DCAT-AP). Both list only
/// public datasets, whoever asks, since what they publish is republished by portals for everyone (docs/dcat.md).
/// </summary>
public static class DcatApi
{
    public const string DataJsonRoute = "/data.json";

    public const string JsonLdRoute = "/catalog.jsonld";

    public static IEndpointRouteBuilder MapDcat(this IEndpointRouteBuilder app)
    {
        app.MapGet(DataJsonRoute, GetDataJson)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithName("GetDcatUs")
            .WithSummary("The public catalog in DCAT-US 1.1 (Project Open Data's data.json).")
            .WithTags("Catalog feeds");
        app.MapGet(JsonLdRoute, GetJsonLd)
            .Produces(StatusCodes.Status200OK, contentType: "application/ld+json")
            .WithName("GetDcatAp")
            .WithSummary("The public catalog in DCAT-AP as JSON-LD.")
            .WithTags("Catalog feeds");
        return app;
    }

    public static async Task<IResult> GetDataJson(HttpContext context, CatalogEntries entries, DcatOptions options) =>
        CatalogJson.Result(DcatUsCatalog.Build(
            await entries.ListAsync(Caller.Anonymous, context.RequestAborted), CatalogLinks.From(context.Request), options));

    public static async Task<IResult> GetJsonLd(HttpContext context, CatalogEntries entries, DcatOptions options) =>
        CatalogJson.Result(DcatApCatalog.Build(
            await entries.ListAsync(Caller.Anonymous, context.RequestAborted), CatalogLinks.From(context.Request), options),
            "application/ld+json");
}
