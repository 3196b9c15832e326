using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>Binds <see cref="OpenDataOptions"/> and makes the data folder absolute and present before anything uses it.</summary>
public static class OpenDataOptionsExtensions
{
    public const int MinimumAdminKeyLength = 16;

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
            // A short admin key could be guessed; refuse to start rather than run with it.
            .Validate(
                options => options.AdminKey is null || options.AdminKey.Trim().Length >= MinimumAdminKeyLength,
                $"OpenData:AdminKey must be at least {MinimumAdminKeyLength} characters (or absent, to generate one).")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<OpenDataOptions>>().Value);
        return builder;
    }
}
