using System.Diagnostics;
using OpenData.DuckDB;

namespace OpenData.Bench;

/// <summary>
/// The reference CSV, <c>COPY (FROM tickets(n)) TO … (HEADER)</c>, kept in a cache folder between runs. A file is
/// reused when its size is the one recorded beside it when it was written (and, for 10 million rows, the size that
/// tickets.sql documents: 1,066,888,164 bytes).
/// </summary>
public static class TicketsCsv
{
    private const long TenMillionBytes = 1_066_888_164;

    public static string CacheFolder { get; } = Path.Combine(Path.GetTempPath(), "opendata-bench");

    public static string PathFor(long rows) => Path.Combine(CacheFolder, $"tickets-{rows}.csv");

    /// <summary>The CSV of <paramref name="rows"/> tickets: reused when complete, else written now.</summary>
    public static (string Path, long Bytes, TimeSpan? Generated) Ensure(long rows, string macroFile)
    {
        var path = PathFor(rows);
        var sizeFile = path + ".size";
        if (File.Exists(path) && File.Exists(sizeFile)
            && long.TryParse(File.ReadAllText(sizeFile).Trim(), out var recorded)
            && new FileInfo(path).Length == recorded
            && (rows != 10_000_000 || recorded == TenMillionBytes))
        {
            return (path, recorded, null);
        }

        Directory.CreateDirectory(CacheFolder);
        File.Delete(sizeFile);
        var partial = path + ".partial";
        var clock = Stopwatch.StartNew();
        using (var connection = new DuckDBConnection($"Data Source={DuckDBConnection.InMemory}"))
        {
            connection.Open();
            Execute(connection, File.ReadAllText(macroFile));
            Execute(connection, $"COPY (FROM tickets({rows})) TO '{Sql(partial)}' (HEADER)");
        }
        File.Move(partial, path, overwrite: true);
        var bytes = new FileInfo(path).Length;
        File.WriteAllText(sizeFile, bytes.ToString());
        return (path, bytes, clock.Elapsed);
    }

    /// <summary>Data rows in the file: its line feeds less the header (no field of tickets holds a line feed).</summary>
    public static long CountRows(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        var last = (byte)'\n';
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        return lines + (last == '\n' ? 0 : 1) - 1;
    }

    public static void Remove(long rows)
    {
        File.Delete(PathFor(rows));
        File.Delete(PathFor(rows) + ".size");
    }

    public static string Sql(string path) => path.Replace("'", "''");

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
