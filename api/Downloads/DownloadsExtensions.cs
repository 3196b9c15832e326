using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace OpenData.Api;

/// <summary>
/// Registers the download cache, and gzip for filtered downloads, which stream. Whole files are not compressed on
/// the fly: they have gzip copies of their own (<see cref="DownloadCache"/>), so that ranges and ETags stay exact.
/// </summary>
public static class DownloadsExtensions
{
    public static WebApplicationBuilder AddDownloads(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DownloadCache>();
        builder.Services.AddResponseCompression(options =>
        {
            // BREACH needs a secret the attacker's page makes the victim's browser send; API keys travel in the
            // Authorization header, which no cross-site page can add, so compressing over HTTPS leaks nothing.
            options.EnableForHttps = true;
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/csv", "application/json", "application/x-ndjson"];
        });
        // Fastest: a streamed answer must keep up with DuckDB.
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>gzip, when asked, for filtered downloads only.</summary>
    public static IApplicationBuilder UseDownloadCompression(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(DownloadsApi.Prefix) && DownloadQuery.IsFiltered(context.Request.Query),
            branch => branch.UseResponseCompression());
}
