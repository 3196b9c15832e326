using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OpenData.Catalog;
using OpenData.Lake;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>Binds <see cref="SqlOptions"/> and registers the query engine, which the container disposes on shutdown, and its runner.</summary>
public static partial class SqlEndpointExtensions
{
    public static WebApplicationBuilder AddSqlEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SqlOptions>()
            .BindConfiguration(SqlOptions.Section)
            .Validate(sql => sql.DefaultTimeout > TimeSpan.Zero && sql.MaxTimeoutAnonymous > TimeSpan.Zero && sql.MaxTimeoutWithKey > TimeSpan.Zero,
                "Sql:DefaultTimeout, Sql:MaxTimeoutAnonymous and Sql:MaxTimeoutWithKey must be positive.")
            .Validate(sql => sql.DefaultMaxRows >= 1 && sql.DefaultMaxRows <= sql.MaxRows, "Sql:DefaultMaxRows must be between 1 and Sql:MaxRows.")
            .Validate(sql => sql.Threads >= 1, "Sql:Threads must be at least 1.")
            .Validate(sql => sql.SandboxIdleTimeout > TimeSpan.Zero, "Sql:SandboxIdleTimeout must be positive.")
            // Checked here: a size DuckDB refused would fail every query's sandbox instead of the start.
            .Validate(sql => DuckDBSize().IsMatch(sql.MemoryLimit) && DuckDBSize().IsMatch(sql.MaxTempDirectorySize),
                "Sql:MemoryLimit and Sql:MaxTempDirectorySize must be DuckDB sizes such as 2GB or 512MiB.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<SqlOptions>>().Value);
        builder.Services.AddSingleton(provider =>
        {
            var sql = provider.GetRequiredService<SqlOptions>();
            return new QueryEngine(
                provider.GetRequiredService<ICatalogStore>(),
                provider.GetRequiredService<LakeOptions>(),
                new QueryEngineOptions(sql.MemoryLimit, sql.Threads, sql.MaxTempDirectorySize) { IdleTimeout = sql.SandboxIdleTimeout });
        });
        builder.Services.AddSingleton<SqlRunner>();
        return builder;
    }

    [GeneratedRegex(@"^\d+(\.\d+)?\s*([KMGT]i?B|B)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DuckDBSize();
}
