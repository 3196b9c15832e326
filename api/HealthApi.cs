using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.DuckDB;
using OpenData.Streaming;

namespace OpenData.Api;

/// <summary>GET /health: whether the platform can work, with the engine version and the data folder in use.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Reports whether the platform is healthy, its DuckDB version and its data folder.")
            .WithTags("Health")
            // Monitoring polls it without a key and must never be told to back off.
            .DisableRateLimiting();
        return app;
    }

    public static Results<Ok<HealthReport>, ProblemHttpResult> GetHealth(OpenDataOptions options, StreamingSetup streaming)
    {
        var kafka = new KafkaHealth(streaming.State, streaming.Detail, streaming.BootstrapServers, streaming.EmbeddedCluster is not null, streaming.LibraryVersion);
        try
        {
            using var connection = new DuckDBConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version()";
            var engineVersion = (string)command.ExecuteScalar()!;
            // Kafka asked for but librdkafka missing: the platform works, without streaming.
            var status = streaming.State == StreamingSetup.Unavailable ? "degraded" : "ok";
            return TypedResults.Ok(new HealthReport(status, new DuckDBHealth(DuckDBConnection.LibraryVersion, engineVersion), options.DataDirectory, kafka));
        }
        catch (Exception error) when (error is DuckDBException or DllNotFoundException)
        {
            return TypedResults.Problem(title: "DuckDB is not available", detail: error.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>The body of GET /health.</summary>
public sealed record HealthReport(string Status, DuckDBHealth DuckDB, string DataDirectory, KafkaHealth Kafka);

/// <summary>The engine's library version and the version its SQL reports.</summary>
public sealed record DuckDBHealth(string LibraryVersion, string Version);

/// <summary>Streaming: <c>off</c>, <c>on</c> or <c>unavailable</c> (with how to fix it), and the brokers in use.</summary>
public sealed record KafkaHealth(string Status, string Detail, string? BootstrapServers, bool Embedded, string? LibrdkafkaVersion);
