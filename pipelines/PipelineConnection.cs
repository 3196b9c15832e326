using OpenData.DuckDB;
using OpenData.Lake;

namespace OpenData.Pipelines;

/// <summary>
/// The engine's own DuckDB connection for a pipeline: it parses the SQL, suppresses the result and commits it. User
/// SQL never runs here (it runs in the department's sandbox); this one reads the sandbox's result file and writes the
/// lake's staging files, bounded in memory and spilling to the data folder's staging area.
/// </summary>
internal static class PipelineConnection
{
    public static async Task<DuckDBConnection> OpenAsync(LakeLayout layout, PipelinesOptions options, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(layout.StagingFolder, "pipelines");
        Directory.CreateDirectory(temp);
        var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder
        {
            DataSource = DuckDBConnection.InMemory,
            ["memory_limit"] = options.MemoryLimit,
            ["temp_directory"] = temp,
        }.ConnectionString);
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
}
