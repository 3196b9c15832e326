using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>Rows read from a result file; disposing closes the reader, then its connection.</summary>
public sealed class SqlQueryRows(DuckDBConnection connection, DuckDBCommand command, DuckDBDataReader reader) : IAsyncDisposable
{
    public DuckDBDataReader Reader { get; } = reader;

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
