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
    private (CheckedQuery Query, DuckDBCommand Command)? _prepared;
    private CancellationToken _cancellation;

    internal QuerySession(QuerySandbox sandbox, DuckDBConnection connection)
    {
        _sandbox = sandbox;
        _connection = connection;
    }

    /// <summary>
    /// Checks with DuckDB's parser that <paramref name="sql"/> is one SELECT (or EXPLAIN of one) that may run here,
    /// then prepares it, so that <see cref="ExecuteReaderAsync"/> runs the statement bound here rather than binding
    /// it again.
    /// </summary>
    /// <exception cref="QueryRefusedException">Another statement, several, parameters, or a function the sandbox refuses.</exception>
    /// <exception cref="DuckDBException">The SQL does not parse or bind: DuckDB's message says why.</exception>
    public CheckedQuery Check(string sql)
    {
        var query = _sandbox.Checked(sql, text => QueryStatementCheck.Check(_connection, text));
        var command = _connection.CreateCommand();
        try
        {
            command.CommandText = query.Sql;
            command.Prepare();
        }
        catch
        {
            command.Dispose();
            throw;
        }
        _prepared?.Command.Dispose();
        _prepared = (query, command);
        return query;
    }

    /// <summary>
    /// How far the running query is, from 0 to 1, or null when DuckDB cannot tell (nothing running, a plan it cannot
    /// estimate, or a connection opened after the sandbox's lock). Safe to call from another thread.
    /// </summary>
    public double? Progress => _connection.GetQueryProgress().Percentage is >= 0 and var percent ? Math.Min(percent / 100, 1) : null;

    /// <summary>Runs the query (the statement <see cref="Check"/> prepared for it); the reader streams its rows chunk by chunk.</summary>
    public async Task<DuckDBDataReader> ExecuteReaderAsync(CheckedQuery query, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        _command?.Dispose();
        if (_prepared is { } prepared && prepared.Query == query)
        {
            _command = prepared.Command;
            _prepared = null;
        }
        else
        {
            _command = _connection.CreateCommand();
            _command.CommandText = query.Sql;
        }
        return (DuckDBDataReader)await _command.ExecuteReaderAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the query's rows to a zstd Parquet file, at most <paramref name="maxRows"/> of them (null: all). DuckDB
    /// writes it, into the sandbox's own export folder (user SQL cannot write there: it may only SELECT), so the file
    /// never passes through memory whole.
    /// </summary>
    public async Task<ParquetExport> ExportParquetAsync(CheckedQuery query, long? maxRows, CancellationToken cancellationToken)
    {
        if (query.IsExplain)
        {
            throw new QueryRefusedException("EXPLAIN answers in text: ask for json, csv or ndjson rather than parquet.");
        }
        var rowsSql = query.Sql;
        var path = NewExportPath();
        string? whole = null;
        try
        {
            if (maxRows is not { } cap)
            {
                return new ParquetExport(path, await CopyAsync(rowsSql, path, cancellationToken), truncated: false);
            }
            // One row more than asked tells whether the result was cut; then the file is rewritten without it.
            var rows = await CopyAsync($"{rowsSql} LIMIT {LakeSql.Int(cap + 1)}", path, cancellationToken);
            if (rows <= cap)
            {
                return new ParquetExport(path, rows, truncated: false);
            }
            (whole, path) = (path, NewExportPath());
            await CopyAsync($"FROM read_parquet({LakeSql.Literal(whole)}) LIMIT {LakeSql.Int(cap)}", path, cancellationToken);
            return new ParquetExport(path, cap, truncated: true);
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

    /// <summary>
    /// Writes every row of the query to a CSV file in the sandbox's export folder with DuckDB's COPY, in the bytes
    /// of the API's CSV writer (see <see cref="CsvExport"/>); null, and nothing written, when a column's type is not
    /// one COPY can write that way, so that the caller writes the rows itself.
    /// </summary>
    /// <param name="writing">Told the file's path before COPY starts, so that it can be read as it grows: COPY only appends.</param>
    public async Task<ParquetExport?> ExportCsvAsync(CheckedQuery query, Action<string> writing, CancellationToken cancellationToken)
    {
        if (query.IsExplain)
        {
            throw new QueryRefusedException("EXPLAIN answers in text, not as a file.");
        }
        var columns = await LakeSql.DescribeAsync(_connection, query.Sql, cancellationToken);
        if (CsvExport.Select(columns, $"({query.Sql})") is not { } select)
        {
            return null;
        }
        var path = NewExportPath(".csv");
        try
        {
            writing(path);
            var rows = await CopyAsync(select, path, CsvExport.CopyOptions, cancellationToken);
            return new ParquetExport(path, rows, truncated: false);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public void Dispose()
    {
        _command?.Dispose();
        _prepared?.Command.Dispose();
        // An interrupt can land after its query ended, and would then stop the connection's next query.
        _sandbox.SessionClosed(_connection, reusable: !_cancellation.IsCancellationRequested);
    }

    private string NewExportPath(string extension = ".parquet") => Path.Combine(_sandbox.ExportFolder, Guid.NewGuid().ToString("N") + extension);

    private async Task<long> CopyAsync(string rowsSql, string path, CancellationToken cancellationToken) =>
        await CopyAsync(rowsSql, path, "FORMAT parquet, COMPRESSION zstd", cancellationToken);

    private async Task<long> CopyAsync(string rowsSql, string path, string options, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        await using var command = _connection.CreateCommand();
        command.CommandText = $"COPY ({rowsSql}) TO {LakeSql.Literal(path)} ({options});";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
