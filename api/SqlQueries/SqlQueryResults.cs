using OpenData.DuckDB;
using OpenData.Lake;

namespace OpenData.Api;

/// <summary>
/// Where query jobs keep their results, <c>&lt;data&gt;/sql-queries/</c>, and the DuckDB that reads them back: a
/// private in-memory instance locked like the sandboxes, able to read that folder only. Only the SQL written here
/// runs in it (reads of a result file by path), never a caller's. The folder is emptied on start: jobs live in
/// memory and do not survive a restart.
/// </summary>
public sealed class SqlQueryResults : IDisposable
{
    private readonly string _connectionString;
    private readonly DuckDBConnection _control;

    public SqlQueryResults(LakeOptions lake)
    {
        Folder = Path.Combine(lake.DataDirectory, "sql-queries");
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        Directory.CreateDirectory(Folder);
        // A named in-memory database: every connection opened with this string joins the same locked instance.
        _connectionString = new DuckDBConnectionStringBuilder { DataSource = ":memory:opendata-sql-queries-" + Guid.NewGuid().ToString("N") }.ConnectionString;
        _control = new DuckDBConnection(_connectionString);
        _control.Open();
        using var command = _control.CreateCommand();
        command.CommandText = $"""
            SET allowed_directories = [{LakeSql.Literal(Folder + Path.DirectorySeparatorChar)}];
            SET enable_external_access = false;
            SET autoinstall_known_extensions = false;
            SET autoload_known_extensions = false;
            SET memory_limit = '256MB';
            SET threads = 1;
            SET lock_configuration = true;
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>The folder of result files, one Parquet file per job.</summary>
    public string Folder { get; }

    public string PathOf(string jobId) => Path.Combine(Folder, jobId + ".parquet");

    /// <summary>The result's columns, as DuckDB names their types.</summary>
    public async Task<IReadOnlyList<SqlQueryColumn>> ColumnsAsync(string path, CancellationToken cancellationToken)
    {
        using var connection = Open();
        var columns = await LakeSql.DescribeAsync(connection, $"FROM read_parquet({LakeSql.Literal(path)})", cancellationToken);
        return columns.Select(column => new SqlQueryColumn(column.Name, column.Type)).ToList();
    }

    /// <summary>Reads <paramref name="limit"/> rows of the result from <paramref name="offset"/>, in the order the query produced them.</summary>
    public async Task<SqlQueryRows> ReadAsync(string path, long offset, long limit, CancellationToken cancellationToken)
    {
        var connection = Open();
        try
        {
            var command = connection.CreateCommand();
            command.CommandText = $"FROM read_parquet({LakeSql.Literal(path)}) LIMIT {LakeSql.Int(limit)} OFFSET {LakeSql.Int(offset)}";
            return new SqlQueryRows(connection, command, (DuckDBDataReader)await command.ExecuteReaderAsync(cancellationToken));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Copies the first <paramref name="rows"/> rows of a result into a new Parquet file beside it.</summary>
    public async Task<string> CopyFirstRowsAsync(string path, long rows, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".parquet");
        using var connection = Open();
        await LakeSql.ExecuteAsync(connection,
            $"COPY (FROM read_parquet({LakeSql.Literal(path)}) LIMIT {LakeSql.Int(rows)}) TO {LakeSql.Literal(copy)} (FORMAT parquet, COMPRESSION zstd)",
            cancellationToken);
        return copy;
    }

    public void Dispose() => _control.Dispose();

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
