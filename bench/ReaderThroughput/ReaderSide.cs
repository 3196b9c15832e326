using OpenData.DuckDB;

namespace OpenData.Bench.ReaderThroughput;

/// <summary>The client side: every row through DuckDBDataReader's typed getters, every value consumed.</summary>
internal static class ReaderSide
{
    public static Checksum Read(DuckDBConnection connection, string query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        TicketsWorkload.CheckShape(reader);
        long rows = 0, ids = 0, chars = 0, ticks = 0;
        var lat = 0.0;
        while (reader.Read())
        {
            rows++;
            ids += reader.GetInt64(0);
            lat += reader.GetDouble(1);
            chars += reader.GetString(2).Length;
            ticks = unchecked(ticks + reader.GetDateTime(3).Ticks);
        }

        return new Checksum(rows, ids, lat, chars, ticks);
    }

    /// <summary>The getters a breakdown run calls; each step adds one to the previous.</summary>
    [Flags]
    public enum Getters
    {
        None = 0,
        Int64 = 1,
        Double = 2,
        String = 4,
        DateTime = 8,
    }

    /// <summary>As <see cref="Read"/>, calling only some getters, to see what each one costs.</summary>
    public static long ReadSome(DuckDBConnection connection, string query, Getters getters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        long rows = 0, sink = 0;
        var lat = 0.0;
        while (reader.Read())
        {
            rows++;
            if ((getters & Getters.Int64) != 0) sink += reader.GetInt64(0);
            if ((getters & Getters.Double) != 0) lat += reader.GetDouble(1);
            if ((getters & Getters.String) != 0) sink += reader.GetString(2).Length;
            if ((getters & Getters.DateTime) != 0) sink = unchecked(sink + reader.GetDateTime(3).Ticks);
        }

        GC.KeepAlive(sink + lat);
        return rows;
    }
}
