using Microsoft.Extensions.Options;
using OpenData.Streaming;

namespace OpenData.Api;

/// <summary>Binds <see cref="KafkaOptions"/> (section "Kafka") and starts the stream consumer when Kafka is configured.</summary>
public static class StreamingHostingExtensions
{
    public static WebApplicationBuilder AddStreaming(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KafkaOptions>()
            .BindConfiguration(KafkaOptions.Section)
            .Validate(kafka => kafka.EmbeddedPartitions > 0, "Kafka:EmbeddedPartitions must be positive.")
            .Validate(kafka => !string.IsNullOrWhiteSpace(kafka.GroupId), "Kafka:GroupId must name a consumer group.")
            .Validate(kafka => kafka.StreamsRefreshInterval > TimeSpan.Zero && kafka.RetryDelay > TimeSpan.Zero,
                "Kafka:StreamsRefreshInterval and Kafka:RetryDelay must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<KafkaOptions>>().Value);
        builder.Services.AddSingleton<StreamingSetup>();
        builder.Services.AddSingleton<StreamMetrics>();
        builder.Services.AddHostedService<StreamingService>();
        return builder;
    }
}
