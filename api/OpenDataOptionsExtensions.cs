using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>Binds <see cref="OpenDataOptions"/> and makes the data folder absolute and present before anything uses it.</summary>
public static class OpenDataOptionsExtensions
{
    public static WebApplicationBuilder AddOpenDataOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenDataOptions>()
            .BindConfiguration("OpenData")
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                options.DataDirectory = Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
                Directory.CreateDirectory(options.DataDirectory);
            })
            .Validate(options => !string.IsNullOrWhiteSpace(options.DataDirectory), "OpenData:DataDirectory must name a folder.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<OpenDataOptions>>().Value);
        return builder;
    }
}
