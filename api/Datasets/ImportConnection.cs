using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>A private DuckDB database per import (or compaction), bounded in memory and spilling to the data folder's staging area.</summary>
public static class ImportConnection
{
    public static Task<DuckDBConnection> OpenAsync(UploadOptions options, CancellationToken cancellationToken) =>
        OpenAsync(options.ImportMemoryLimit, options.ImportTempDirectory, cancellationToken);

    public static async Task<DuckDBConnection> OpenAsync(string memoryLimit, string tempDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tempDirectory);
        var builder = new DuckDBConnectionStringBuilder
        {
            DataSource = DuckDBConnection.InMemory,
            ["memory_limit"] = memoryLimit,
            ["temp_directory"] = tempDirectory,
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
