using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// One connection to an audience's locked sandbox, for one request. Cancelling a token passed here stops DuckDB
/// with duckdb_interrupt (<see cref="OperationCanceledException"/>); that is how time limits are enforced.
/// </summary>
public sealed class QuerySession : IDisposable
{
    private readonly QuerySandbox _sandbox;
    private readonly DuckDBConnection _connection;
    private DuckDBCommand? _command;

    internal QuerySession(QuerySandbox sandbox, DuckDBConnection connection)
    {
        _sandbox = sandbox;
        _connection = connection;
    }

    /// <summary>Checks with DuckDB's parser that <paramref name="sql"/> is one SELECT (or EXPLAIN of one) that may run here.</summary>
    /// <exception cref="QueryRefusedException">Another statement, several, parameters, or a function the sandbox refuses.</exception>
    /// <exception cref="DuckDBException">The SQL does not parse or bind: DuckDB's message says why.</exception>
    public CheckedQuery Check(string sql) => QueryStatementCheck.Check(_connection, sql);

    /// <summary>Runs the query; the reader streams its rows chunk by chunk.</summary>
    public async Task<DuckDBDataReader> ExecuteReaderAsync(CheckedQuery query, CancellationToken cancellationToken)
    {
        _command?.Dispose();
        _command = _connection.CreateCommand();
        _command.CommandText = query.Sql;
        return (DuckDBDataReader)await _command.ExecuteReaderAsync(cancellationToken);
    }

    /// <summary>
    /// Writes at most <paramref name="maxRows"/> rows of the query to a zstd Parquet file. DuckDB writes it, into the
    /// sandbox's own export folder (user SQL cannot write there: it may only SELECT), so the file never passes
    /// through memory whole.
    /// </summary>
    public async Task<ParquetExport> ExportParquetAsync(CheckedQuery query, long maxRows, CancellationToken cancellationToken)
    {
        if (query.IsExplain)
        {
            throw new QueryRefusedException("EXPLAIN answers in text: ask for json, csv or ndjson rather than parquet.");
        }
        // One row more than asked tells whether the result was cut; then the file is rewritten without it.
        var path = NewExportPath();
        string? whole = null;
        try
        {
            var rows = await CopyAsync($"FROM query({LakeSql.Literal(query.Sql)}) LIMIT {LakeSql.Int(maxRows + 1)}", path, cancellationToken);
            if (rows <= maxRows)
            {
                return new ParquetExport(path, rows, truncated: false);
            }
            (whole, path) = (path, NewExportPath());
            await CopyAsync($"FROM read_parquet({LakeSql.Literal(whole)}) LIMIT {LakeSql.Int(maxRows)}", path, cancellationToken);
            return new ParquetExport(path, maxRows, truncated: true);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            if (whole is not null)
            {
                File.Delete(whole);
            }
        }
    }

    public void Dispose()
    {
        _command?.Dispose();
        _connection.Dispose();
        _sandbox.SessionClosed();
    }

    private string NewExportPath() => Path.Combine(_sandbox.ExportFolder, Guid.NewGuid().ToString("N") + ".parquet");

    private async Task<long> CopyAsync(string rowsSql, string path, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"COPY ({rowsSql}) TO {LakeSql.Literal(path)} (FORMAT parquet, COMPRESSION zstd);";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
