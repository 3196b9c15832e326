using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>Binds <see cref="DatasetsOptions"/>.</summary>
public static class DatasetsOptionsExtensions
{
    public static WebApplicationBuilder AddDatasetsOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatasetsOptions>()
            .BindConfiguration(nameof(DatasetsOptions))
            .Validate(options => options.DefaultPageSize >= 1 && options.DefaultPageSize <= options.MaxPageSize,
                "DatasetsOptions:DefaultPageSize must be between 1 and DatasetsOptions:MaxPageSize.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<DatasetsOptions>>().Value);
        return builder;
    }
}
