using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>SQL text helpers and the few command shapes the importers run.</summary>
internal static class IngestSql
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    /// <summary>Reads every row as an array of values (DBNull as null); for small results only.</summary>
    public static async Task<List<object?[]>> RowsAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = (DuckDBDataReader)await command.ExecuteReaderAsync(cancellationToken);
        return reader.ReadRows(cancellationToken);
    }

    /// <summary>Column names and DuckDB types of a query, without running it.</summary>
    public static async Task<List<(string Name, string Type)>> DescribeAsync(
        DuckDBConnection connection, string selectSql, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(connection, $"DESCRIBE {selectSql}", cancellationToken);
        return rows.Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
    }

    public static string NewTableName(string prefix) => $"ingest_{prefix}_{Guid.NewGuid():N}";
}
