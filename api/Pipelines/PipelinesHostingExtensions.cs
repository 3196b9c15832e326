using Microsoft.Extensions.Options;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Pipelines;

namespace OpenData.Api;

/// <summary>Binds <see cref="PipelinesOptions"/> (section "Pipelines") and registers the pipeline engine and its triggers.</summary>
public static class PipelinesHostingExtensions
{
    public static WebApplicationBuilder AddPipelines(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PipelinesOptions>()
            .BindConfiguration(PipelinesOptions.Section)
            .Validate(pipelines => pipelines.MaxRetries >= 0, "Pipelines:MaxRetries cannot be negative.")
            .Validate(pipelines => pipelines.RetryDelay >= TimeSpan.Zero && pipelines.InputPollInterval > TimeSpan.Zero,
                "Pipelines:RetryDelay cannot be negative and Pipelines:InputPollInterval must be positive.")
            .Validate(pipelines => pipelines.DefaultSuppressionThreshold >= 1, "Pipelines:DefaultSuppressionThreshold must be at least 1.")
            .Validate(pipelines => DuckDBAccepts(pipelines.MemoryLimit), "Pipelines:MemoryLimit must be a DuckDB size such as 1GB.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<PipelinesOptions>>().Value);
        // The SQLite catalog holds pipelines and lineage too: one store, two views of it.
        builder.Services.AddSingleton(provider => (IPipelineStore)provider.GetRequiredService<ICatalogStore>());
        builder.Services.AddSingleton<PipelineDefinitions>();
        builder.Services.AddSingleton<DatasetChecks>();
        builder.Services.AddSingleton<PipelineRunner>();
        builder.Services.AddSingleton<PipelineSchedules>();
        builder.Services.AddSingleton<PipelineInputWatch>();
        builder.Services.AddHostedService<PipelinesService>();
        return builder;
    }

    // DuckDB itself is the judge of its sizes: checked at start, not at the first run.
    private static bool DuckDBAccepts(string memoryLimit)
    {
        try
        {
            using var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { ["memory_limit"] = memoryLimit }.ConnectionString);
            connection.Open();
            return true;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }
}
