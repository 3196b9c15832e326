using System.Text;
using OpenData.DuckDB;

namespace OpenData.Bench.StreamThroughput;

/// <summary>
/// The reference tickets as JSON records, one object per ticket as DuckDB's <c>to_json</c> writes a row
/// (<c>{"ticket_id":1,"issued_at":"2023-11-18 00:40:19",…}</c>), in memory before any clock starts.
/// </summary>
internal static class TicketsJson
{
    /// <summary>Tickets <paramref name="first"/> to <paramref name="first"/> + <paramref name="records"/> - 1, in order.</summary>
    public static byte[][] Generate(long first, int records, string macroFile)
    {
        using var connection = new DuckDBConnection();
        connection.Open();
        using (var macro = connection.CreateCommand())
        {
            macro.CommandText = File.ReadAllText(macroFile);
            macro.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT to_json(t)::VARCHAR FROM tickets({first + records - 1}) t WHERE ticket_id >= {first} ORDER BY ticket_id";
        using var reader = command.ExecuteReader();
        var json = new byte[records][];
        for (var i = 0; reader.Read(); i++)
        {
            json[i] = Encoding.UTF8.GetBytes(reader.GetString(0));
        }
        return json;
    }
}
