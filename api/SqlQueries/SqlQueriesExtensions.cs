using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>Binds <see cref="SqlQueriesOptions"/> and registers the query jobs, their result store and their sweeper.</summary>
public static class SqlQueriesExtensions
{
    public static WebApplicationBuilder AddSqlQueries(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SqlQueriesOptions>()
            .BindConfiguration(SqlQueriesOptions.Section)
            .Validate(queries => queries.DefaultTimeout > TimeSpan.Zero && queries.ResultLifetime > TimeSpan.Zero,
                "SqlQueries:DefaultTimeout and SqlQueries:ResultLifetime must be positive.")
            .Validate(queries => queries.MaxRows >= 1 && queries.MaxResultBytes >= 1, "SqlQueries:MaxRows and SqlQueries:MaxResultBytes must be at least 1.")
            .Validate(queries => queries.MaxRunningPerKey >= 1 && queries.MaxKeptPerKey >= queries.MaxRunningPerKey,
                "SqlQueries:MaxRunningPerKey must be at least 1 and SqlQueries:MaxKeptPerKey at least as large.")
            .Validate(queries => queries.DefaultPageSize >= 1 && queries.DefaultPageSize <= queries.MaxPageSize,
                "SqlQueries:DefaultPageSize must be between 1 and SqlQueries:MaxPageSize.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<SqlQueriesOptions>>().Value);
        builder.Services.AddSingleton<SqlQueryResults>();
        builder.Services.AddSingleton<SqlQueryJobRunner>();
        builder.Services.AddSingleton<SqlQueryJobs>();
        builder.Services.AddSingleton<SqlQueryResultWriter>();
        builder.Services.AddHostedService<SqlQueryJobsSweeper>();
        return builder;
    }
}
