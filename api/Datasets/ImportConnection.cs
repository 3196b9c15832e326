using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>A private DuckDB database per import, bounded in memory and spilling to the data folder's staging area.</summary>
public static class ImportConnection
{
    public static async Task<DuckDBConnection> OpenAsync(UploadOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.ImportTempDirectory);
        var builder = new DuckDBConnectionStringBuilder
        {
            DataSource = DuckDBConnection.InMemory,
            ["memory_limit"] = options.ImportMemoryLimit,
            ["temp_directory"] = options.ImportTempDirectory,
        };
        var connection = new DuckDBConnection(builder.ConnectionString);
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
