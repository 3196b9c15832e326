using Microsoft.Extensions.Options;
using OpenData.Lake;
using Quartz;

namespace OpenData.Api;

/// <summary>Binds <see cref="CompactionOptions"/> (section "Compaction") and schedules compaction on the shared
/// scheduler (<see cref="SchedulingExtensions.AddScheduler"/>).</summary>
public static class CompactionHostingExtensions
{
    public static WebApplicationBuilder AddCompaction(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CompactionOptions>()
            .BindConfiguration(CompactionOptions.Section)
            .Validate(compaction => string.IsNullOrWhiteSpace(compaction.Schedule) || CronExpression.IsValidExpression(compaction.Schedule),
                "Compaction:Schedule must be a Quartz cron expression (seconds first, such as 0 0/10 * * * ?) or empty.")
            .Validate(compaction => compaction.MinFiles >= 2 && compaction.TargetFileRows >= 1,
                "Compaction:MinFiles must be at least 2 and Compaction:TargetFileRows positive.")
            .Validate(compaction => !string.IsNullOrWhiteSpace(compaction.MemoryLimit), "Compaction:MemoryLimit must be a DuckDB size such as 1GB.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<CompactionOptions>>().Value);
        builder.Services.AddSingleton<LakeCompaction>();
        builder.Services.AddSingleton<DatasetCompactor>();
        builder.Services.AddHostedService<CompactionSchedule>();
        return builder;
    }
}
