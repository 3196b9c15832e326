using Microsoft.Extensions.Options;
using OpenData.Catalog;
using OpenData.Lake;

namespace OpenData.Api;

/// <summary>Registers the catalog (SQLite in the data folder) and the lake, whose data folder is OpenData:DataDirectory.</summary>
public static class CatalogHostingExtensions
{
    public static WebApplicationBuilder AddCatalogAndLake(this WebApplicationBuilder builder)
    {
        // Opened once, at first use; migrations run there. The container disposes it on shutdown.
        builder.Services.AddSingleton<ICatalogStore>(provider =>
            SqliteCatalogStore.OpenAsync(provider.GetRequiredService<OpenDataOptions>().DataDirectory).GetAwaiter().GetResult());

        builder.Services.AddOptions<LakeOptions>()
            .BindConfiguration("Lake")
            // One data folder for the whole platform: Lake:DataDirectory is not a setting of its own.
            .PostConfigure<IOptions<OpenDataOptions>>((lake, openData) => lake.DataDirectory = openData.Value.DataDirectory)
            .Validate(lake => lake.RowGroupSize > 0 && lake.MaxCommitAttempts > 0, "Lake:RowGroupSize and Lake:MaxCommitAttempts must be positive.")
            .Validate(lake => lake.MaintenanceInterval > TimeSpan.Zero, "Lake:MaintenanceInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<LakeOptions>>().Value);
        // The upload endpoint (PUT …/data) commits through this writer.
        builder.Services.AddSingleton<LakeWriter>();
        builder.Services.AddSingleton<LakeRetention>(provider => new(provider.GetRequiredService<ICatalogStore>(), provider.GetRequiredService<LakeOptions>()));
        builder.Services.AddSingleton<LakeJanitor>(provider => new(provider.GetRequiredService<ICatalogStore>(), provider.GetRequiredService<LakeOptions>()));
        builder.Services.AddHostedService<LakeMaintenanceService>();
        return builder;
    }
}
