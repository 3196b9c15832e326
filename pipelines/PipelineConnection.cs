using OpenData.DuckDB;
using OpenData.Lake;

namespace OpenData.Pipelines;

/// <summary>
/// The engine's own DuckDB connections for pipelines: they parse the SQL, complete the suppression of a result and
/// commit it. User SQL never runs here (it runs in the department's sandbox); these read the sandbox's result file and
/// write the lake's staging files, bounded in memory and spilling to the data folder's staging area.
/// </summary>
internal static class PipelineConnection
{
    /// <summary>A connection to a private in-memory instance, for a one-off parse.</summary>
    public static Task<DuckDBConnection> OpenAsync(LakeLayout layout, PipelinesOptions options, CancellationToken cancellationToken) =>
        OpenAsync(ConnectionString(layout, options, DuckDBConnection.InMemory), cancellationToken);

    /// <summary>
    /// A connection to a new in-memory instance that every connection opened with its <c>ConnectionString</c> joins
    /// while this one is open: runs share one, since starting an instance per run costs more than committing a small
    /// result. Its memory limit is then shared by the runs under way.
    /// </summary>
    public static DuckDBConnection OpenShared(LakeLayout layout, PipelinesOptions options)
    {
        var connection = new DuckDBConnection(ConnectionString(layout, options, ":memory:opendata-pipelines-" + Guid.NewGuid().ToString("N")));
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static async Task<DuckDBConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string ConnectionString(LakeLayout layout, PipelinesOptions options, string dataSource)
    {
        var temp = Path.Combine(layout.StagingFolder, "pipelines");
        Directory.CreateDirectory(temp);
        return new DuckDBConnectionStringBuilder
        {
            DataSource = dataSource,
            ["memory_limit"] = options.MemoryLimit,
            ["temp_directory"] = temp,
        }.ConnectionString;
    }
}
