using OpenData.DuckDB;

namespace OpenData.Bench;

/// <summary>
/// The bare side's database: DuckDB in this process, in memory, with a view of the platform's name for the tickets
/// dataset (<c>"transport"."traffic-tickets"</c>) over the same Parquet files, so that both sides run the same SQL text.
/// Settings are DuckDB's defaults (threads = cores) except <c>parquet_metadata_cache</c>, which the platform's
/// sandboxes turn on too: a ratio then shows what the platform adds, not a setting.
/// </summary>
public sealed class TicketsView : IDisposable
{
    private static int instances;

    private readonly string connectionString;

    public TicketsView(IReadOnlyList<string> files)
    {
        // A named in-memory database, so that further connections (Connect) reach the same view.
        connectionString = new DuckDBConnectionStringBuilder
        {
            DataSource = $":memory:opendata-bench-{Interlocked.Increment(ref instances)}",
        }.ConnectionString;
        Connection = new DuckDBConnection(connectionString);
        Connection.Open();
        TicketsCsv.Execute(Connection, $"""
            SET GLOBAL parquet_metadata_cache = true;
            CREATE SCHEMA "{Upload.Department}";
            CREATE VIEW "{Upload.Department}"."{Upload.Dataset}" AS SELECT * FROM {ReadParquet(files)};
            """);
    }

    /// <summary>The connection the sequential runs use.</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>Another connection to the same database (concurrent clients have one each, as the platform's requests do).</summary>
    public DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary><c>read_parquet([…])</c> over these files.</summary>
    public static string ReadParquet(IEnumerable<string> files) =>
        $"read_parquet([{string.Join(", ", files.Select(file => $"'{TicketsCsv.Sql(file)}'"))}])";

    public void Dispose() => Connection.Dispose();
}
