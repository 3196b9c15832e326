using OpenData.DuckDB;

namespace OpenData.Bench.ReaderThroughput;

/// <summary>The reference side: DuckDB produces the same rows and keeps them itself, in a temporary table.</summary>
internal static class EngineSide
{
    public const string Table = "t";
    public const string Statement = $"CREATE OR REPLACE TEMP TABLE {Table} AS";

    public static void Materialise(DuckDBConnection connection, string query, string table = Table) =>
        Execute(connection, $"CREATE OR REPLACE TEMP TABLE {table} AS {query}");

    public static void Drop(DuckDBConnection connection, string table = Table) => Execute(connection, $"DROP TABLE IF EXISTS {table}");

    /// <summary>The table's checksum, computed by DuckDB, in the reader's terms (UTF-16 length, DateTime ticks).</summary>
    public static Checksum Check(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), sum(ticket_id), sum(lat), sum(length(plate)), sum(epoch_us(issued_at)) FROM " + Table;
        using var reader = command.ExecuteReader();
        reader.Read();
        var rows = reader.GetInt64(0);
        var micros = reader.GetFieldValue<Int128>(4);
        var ticks = unchecked((long)(micros * TimeSpan.TicksPerMicrosecond + (Int128)rows * DateTime.UnixEpoch.Ticks));
        return new Checksum(rows, reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3), ticks);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
