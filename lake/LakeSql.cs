using System.Globalization;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>SQL text building and running for the lake and what writes into it (streams). Names and paths are quoted here, once.</summary>
public static class LakeSql
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    public static string Identifiers(IEnumerable<string> names) => string.Join(", ", names.Select(Identifier));

    /// <summary>
    /// Reads a snapshot's files. Partition columns are written into the files too, so hive inference is off
    /// (it would retype them from folder names); union_by_name keeps appends with added columns readable.
    /// </summary>
    public static string ReadParquet(IEnumerable<string> fullPaths) =>
        $"read_parquet([{string.Join(", ", fullPaths.Select(Literal))}], hive_partitioning = false, union_by_name = true)";

    public static string OrderBy(IReadOnlyList<string> columns) =>
        columns.Count == 0 ? "" : " ORDER BY " + Identifiers(columns);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(
        DuckDBConnection connection, string sql, Func<DuckDBDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = (DuckDBDataReader)await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>Column names and DuckDB types of a query's result, without running it.</summary>
    public static Task<List<(string Name, string Type)>> DescribeAsync(
        DuckDBConnection connection, string selectSql, CancellationToken cancellationToken) =>
        QueryAsync(connection, "DESCRIBE " + selectSql, r => (r.GetString(0), r.GetString(1)), cancellationToken);
}
