using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>Binds <see cref="DcatOptions"/> and registers what DCAT, CKAN and the schema.org builder read the catalog through.</summary>
public static partial class DcatExtensions
{
    public static WebApplicationBuilder AddDcat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DcatOptions>()
            .BindConfiguration(DcatOptions.Section)
            // Checked here, with DCAT-US's own patterns: a wrong code would make every harvest of /data.json fail.
            .Validate(dcat => dcat.BureauCode is null || BureauCode().IsMatch(dcat.BureauCode), "Dcat:BureauCode must look like 015:11.")
            .Validate(dcat => dcat.ProgramCode is null || ProgramCode().IsMatch(dcat.ProgramCode), "Dcat:ProgramCode must look like 015:001.")
            .Validate(dcat => dcat.ContactEmail is null || ContactPoint.IsEmail(dcat.ContactEmail), "Dcat:ContactEmail must be an email address.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<DcatOptions>>().Value);
        builder.Services.AddSingleton<CatalogEntries>();
        return builder;
    }

    [GeneratedRegex(@"^\d{3}:\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex BureauCode();

    [GeneratedRegex(@"^\d{3}:\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProgramCode();
}
