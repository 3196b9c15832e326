using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenData.Api.Portal.Catalog;
using OpenData.Api.Portal.Datasets;

namespace OpenData.Api.Portal;

/// <summary>The web portal: Razor Pages under Portal/Pages, its static files under wwwroot/portal, sign-in by cookie.</summary>
public static class PortalExtensions
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options => options.RootDirectory = "/Portal/Pages");
        builder.Services.AddSingleton<CatalogSearch>();
        builder.Services.AddSingleton<DataPreview>();
        // DCAT registers it too (AddDcat); the catalog page and the dataset page read entries through it as well.
        builder.Services.TryAddSingleton<CatalogEntries>();
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = PortalAntiforgery.HeaderName;
            options.Cookie.Name = PortalAntiforgery.CookieName;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    /// <summary>After <see cref="ApiKeyAuthenticationExtensions.UseApiKeys"/>: requests that the sign-in cookie
    /// authenticates must carry an anti-forgery token when they change something.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseMiddleware<PortalAntiforgery>();
        return app;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
