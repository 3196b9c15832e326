using System.Globalization;

namespace OpenData.Bench.QueryThroughput;

/// <summary>(a) GROUP BY district: count, sum and avg of fine_yuan over every row, through HTTP (JSON) and on bare DuckDB.</summary>
internal static class GroupByPart
{
    public const string Sql =
        $"SELECT district, count(*) AS tickets, sum(fine_yuan) AS fines, avg(fine_yuan) AS average_fine FROM {Platform.View} GROUP BY district ORDER BY district";

    public const int Warmups = 2;

    public static async Task<(Side Http, Side Bare)> RunAsync(Platform platform, string key, TicketsView bare, int serverPid, int runs)
    {
        string? expected = null;
        return await Alternating.RunAsync(Warmups, runs, serverPid,
            async i =>
            {
                var answer = await platform.QueryAsync(Sql, key);
                var rows = Text(platform.Expect(answer, "The GROUP BY")["rows"]!.AsArray()
                    .Select(row => row!.AsArray())
                    .Select(row => (row[0]!.GetValue<string>(), row[1]!.GetValue<long>(), row[2]!.GetValue<decimal>(), row[3]!.GetValue<double>())));
                Check(ref expected, rows, "HTTP", i);
                return (answer.Wall, answer.ServerMs);
            },
            i =>
            {
                var (wall, result) = Alternating.Time(() => BareDuckDB.Query(bare.Connection, Sql));
                var rows = Text(result.Select(row => ((string)row[0]!, Convert.ToInt64(row[1]), Convert.ToDecimal(row[2]), Convert.ToDouble(row[3]))));
                Check(ref expected, rows, "bare DuckDB", i);
                return wall;
            });
    }

    /// <summary>The rows as text, to compare both sides: the sum exactly, the average to 9 significant digits.</summary>
    private static string Text(IEnumerable<(string District, long Tickets, decimal Fines, double Average)> rows) =>
        string.Join("\n", rows.Select(row => string.Create(CultureInfo.InvariantCulture,
            $"{row.District}|{row.Tickets}|{row.Fines:0.00}|{row.Average:G9}")));

    private static void Check(ref string? expected, string rows, string side, int run)
    {
        if (rows.Split('\n').Length != 16)
        {
            throw new InvalidOperationException($"The GROUP BY on {side} (run {run}) gave not 16 districts but:\n{rows}");
        }
        expected ??= rows;
        if (rows != expected)
        {
            throw new InvalidOperationException($"The GROUP BY on {side} (run {run}) differs:\n{rows}\nexpected:\n{expected}");
        }
    }
}
