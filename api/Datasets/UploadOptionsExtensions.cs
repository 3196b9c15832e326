using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>Binds <see cref="UploadOptions"/> and makes the import temp folder absolute, under the data folder.</summary>
public static class UploadOptionsExtensions
{
    public static WebApplicationBuilder AddUploadOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.Section)
            .PostConfigure<IOptions<OpenDataOptions>>((uploads, openData) =>
                uploads.ImportTempDirectory = Path.GetFullPath(uploads.ImportTempDirectory, openData.Value.DataDirectory))
            .Validate(uploads => uploads.MaxUploadBytes > 0, "Uploads:MaxUploadBytes must be positive.")
            .Validate(uploads => !string.IsNullOrWhiteSpace(uploads.ImportMemoryLimit), "Uploads:ImportMemoryLimit must be a DuckDB size such as 2GB.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<UploadOptions>>().Value);
        return builder;
    }
}
