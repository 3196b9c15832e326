namespace OpenData.Bench.QueryThroughput;

/// <summary>
/// (b) A selective query, the count of one district on one day, on the dataset sorted by issued_at: both sides run
/// the same sequence of (district, day) pairs, so each run asks something else and both sides' counts are compared.
/// </summary>
internal static class SelectivePart
{
    public const int Warmups = 5;

    private static readonly string[] Districts =
    [
        "Huangpu", "Xuhui", "Changning", "Jing'an", "Putuo", "Hongkou", "Yangpu", "Minhang",
        "Baoshan", "Jiading", "Pudong", "Jinshan", "Songjiang", "Qingpu", "Fengxian", "Chongming",
    ];

    /// <summary>The i-th query: district i mod 16, a day of 2023–2024 that moves 37 days each time.</summary>
    public static string Sql(int i)
    {
        var district = Districts[i % Districts.Length].Replace("'", "''");
        var day = new DateOnly(2023, 1, 1).AddDays(i * 37 % 730);
        return $"SELECT count(*) AS tickets FROM {Platform.View} WHERE district = '{district}' "
            + $"AND issued_at >= TIMESTAMP '{day:yyyy-MM-dd}' AND issued_at < TIMESTAMP '{day.AddDays(1):yyyy-MM-dd}'";
    }

    public static async Task<(Side Http, Side Bare)> RunAsync(Platform platform, string key, TicketsView bare, int serverPid, int runs)
    {
        var counts = new Dictionary<int, long>();
        return await Alternating.RunAsync(Warmups, runs, serverPid,
            async i =>
            {
                var answer = await platform.QueryAsync(Sql(i), key);
                counts[i] = platform.Expect(answer, "The selective query")["rows"]![0]![0]!.GetValue<long>();
                return (answer.Wall, answer.ServerMs);
            },
            i =>
            {
                var (wall, rows) = Alternating.Time(() => BareDuckDB.Query(bare.Connection, Sql(i)));
                var count = Convert.ToInt64(rows[0][0]);
                return count == counts[i]
                    ? wall
                    : throw new InvalidOperationException($"The selective query {i} counted {counts[i]} over HTTP and {count} on bare DuckDB: {Sql(i)}");
            });
    }
}
