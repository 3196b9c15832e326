using OpenData.DuckDB;

namespace OpenData.Bench.QueryThroughput;

/// <summary>
/// The reference: DuckDB in this process, one in-memory instance, with a view of the same name as the platform's
/// (<c>transport."traffic-tickets"</c>) over the same Parquet files of the same tier, so that both sides run the same
/// SQL text. Settings are DuckDB's defaults (threads = cores) except <c>parquet_metadata_cache</c>, which the
/// platform's sandboxes turn on too: the ratio then shows what the platform adds, not a setting.
/// </summary>
internal sealed class BareDuckDB : IDisposable
{
    private static int instances;

    private readonly string connectionString;
    private readonly DuckDBConnection control;

    public BareDuckDB(IReadOnlyList<string> files)
    {
        Files = files;
        connectionString = new DuckDBConnectionStringBuilder
        {
            DataSource = $":memory:opendata-query-bench-{Interlocked.Increment(ref instances)}",
        }.ConnectionString;
        control = new DuckDBConnection(connectionString);
        control.Open();
        TicketsCsv.Execute(control, $"""
            SET parquet_metadata_cache = true;
            CREATE SCHEMA {Platform.Department};
            CREATE VIEW {Platform.View} AS SELECT * FROM {ReadParquet(files)};
            """);
    }

    /// <summary>The full paths of the Parquet files the view reads.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The connection the sequential runs use.</summary>
    public DuckDBConnection Connection => control;

    /// <summary>Another connection to the same instance (the concurrent clients have one each, as the platform's requests do).</summary>
    public DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs the query and reads every value of every row.</summary>
    public static List<object?[]> Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary><c>COPY (SELECT columns FROM read_parquet(files)) TO path (FORMAT csv, HEADER)</c>; the rows it wrote.</summary>
    public long CopyToCsv(IReadOnlyList<string> files, IReadOnlyList<string> columns, string path)
    {
        using var command = control.CreateCommand();
        var select = string.Join(", ", columns.Select(Identifier));
        command.CommandText = $"COPY (SELECT {select} FROM {ReadParquet(files)}) TO '{TicketsCsv.Sql(path)}' (FORMAT csv, HEADER)";
        return command.ExecuteNonQuery();
    }

    public static string ReadParquet(IEnumerable<string> files) =>
        $"read_parquet([{string.Join(", ", files.Select(file => $"'{TicketsCsv.Sql(file)}'"))}])";

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public void Dispose() => control.Dispose();
}
