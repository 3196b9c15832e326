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

    /// <summary>tickets.sql, found from the repository root (the folder holding Data.sln) as ../shared/bench/tickets.sql.</summary>
    public static string FindMacroFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Data.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "bench", "tickets.sql"));
                return File.Exists(path)
                    ? path
                    : throw new FileNotFoundException(
                        $"The reference dataset's macro is missing: expected {path} (../shared/bench/tickets.sql beside the repository at {folder.FullName}).");
            }
        }

        throw new FileNotFoundException(
            $"Could not find the repository (a folder holding Data.sln) above {AppContext.BaseDirectory}, so ../shared/bench/tickets.sql cannot be located. Run the benchmark from its build output inside the repository.");
    }

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
