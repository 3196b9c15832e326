using OpenData.DuckDB;

namespace OpenData.Bench.QueryThroughput;

/// <summary>What the reference side runs on its <see cref="TicketsView"/>: the same SQL text as the platform's, and the CSV copy.</summary>
internal static class BareDuckDB
{
    /// <summary>Runs the query and reads every value of every row.</summary>
    public static List<object?[]> Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return reader.ReadRows();
    }

    /// <summary><c>COPY (SELECT columns FROM read_parquet(files)) TO path (FORMAT csv, HEADER)</c>; the rows it wrote.</summary>
    public static long CopyToCsv(DuckDBConnection connection, IReadOnlyList<string> files, IReadOnlyList<string> columns, string path)
    {
        using var command = connection.CreateCommand();
        var select = string.Join(", ", columns.Select(Identifier));
        command.CommandText = $"COPY (SELECT {select} FROM {TicketsView.ReadParquet(files)}) TO '{TicketsCsv.Sql(path)}' (FORMAT csv, HEADER)";
        return command.ExecuteNonQuery();
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
