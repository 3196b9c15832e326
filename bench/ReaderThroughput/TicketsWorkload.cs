using OpenData.DuckDB;

namespace OpenData.Bench.ReaderThroughput;

/// <summary>
/// The reference dataset (../shared/bench/tickets.sql, the <c>tickets(n)</c> table macro) and the one query that
/// both sides of the benchmark run: a BIGINT, a DOUBLE, a VARCHAR and a TIMESTAMP column.
/// </summary>
internal static class TicketsWorkload
{
    public static readonly (string Name, string Type)[] Columns =
        [("ticket_id", "BIGINT"), ("lat", "DOUBLE"), ("plate", "VARCHAR"), ("issued_at", "TIMESTAMP")];

    /// <summary>The temp table that <c>--from-table</c> stores the rows in before reading them back.</summary>
    public const string StoredTable = "tickets_stored";

    public static string Query(long rows) => $"SELECT {ColumnList} FROM tickets({rows})";

    public static string QueryStored() => $"SELECT {ColumnList} FROM {StoredTable}";

    private static string ColumnList => string.Join(", ", Columns.Select(column => column.Name));

    /// <summary>Creates the tickets(n) macro on the connection from the file's text.</summary>
    public static void Load(DuckDBConnection connection, string macroFile)
    {
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(macroFile);
        command.ExecuteNonQuery();
    }

    /// <summary>Fails unless the query returns exactly the columns and types the benchmark is about.</summary>
    public static void CheckShape(DuckDBDataReader reader)
    {
        var actual = Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToArray();
        if (!actual.SequenceEqual(Columns))
        {
            throw new InvalidOperationException(
                $"The query returned ({Describe(actual)}), not ({Describe(Columns)}); has tickets.sql changed?");
        }
    }

    private static string Describe(IEnumerable<(string Name, string Type)> columns) =>
        string.Join(", ", columns.Select(column => $"{column.Name} {column.Type}"));
}
