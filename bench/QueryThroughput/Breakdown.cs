using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Bench.QueryThroughput;

/// <summary>
/// Where the time of a small query goes, measured from outside the server: an empty round trip (a GET of an unknown
/// path with the key: Kestrel, authentication, routing, a 404; not /health, which opens a DuckDB database each time),
/// a query that reads nothing (<c>SELECT 42</c>: every fixed cost of the SQL endpoint), and the steps that lake/Query
/// takes for each request replayed one by one on bare DuckDB, on one connection kept open as the sandbox's pool keeps
/// them: the statement count, json_serialize_sql and the walk of its tree (both skipped for SQL text the sandbox
/// checked before; (b)'s texts are all new), the prepare of <c>FROM query('…')</c>, then the run of that prepared
/// statement. Copied from lake/Query/QuerySession.cs and QueryStatementCheck.cs: change it when they change.
/// </summary>
internal static class Breakdown
{
    public sealed record Step(string Name, Latencies Wall, TimeSpan Cpu);

    public static async Task<IReadOnlyList<Step>> OverHttpAsync(Platform platform, string key, int serverPid, int runs)
    {
        var probe = new Step("GET of an unknown path, with the key (Kestrel, auth, 404)", new Latencies(), TimeSpan.Zero);
        var empty = new Step("POST /api/v1/sql \"SELECT 42\" (every fixed cost of a query)", new Latencies(), TimeSpan.Zero);
        var emptyServer = new Step("  of which in the handler (its elapsed_ms)", new Latencies(), TimeSpan.Zero);
        TimeSpan probeCpu = TimeSpan.Zero, emptyCpu = TimeSpan.Zero;
        for (var i = 0; i < runs + 5; i++)
        {
            var before = ProcStatus.Read(serverPid).Cpu;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/query-throughput-probe");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var started = Stopwatch.GetTimestamp();
            using (var answer = await platform.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
            {
                await answer.Content.ReadAsByteArrayAsync();
                if (answer.StatusCode != HttpStatusCode.NotFound)
                {
                    throw new InvalidOperationException($"GET {request.RequestUri} answered {(int)answer.StatusCode}, not 404.");
                }
            }
            var wall = Stopwatch.GetElapsedTime(started);
            var middle = ProcStatus.Read(serverPid).Cpu;
            var selected = await platform.QueryAsync("SELECT 42 AS answer", key);
            platform.Expect(selected, "SELECT 42");
            var after = ProcStatus.Read(serverPid).Cpu;
            if (i >= 5)
            {
                probe.Wall.Add(wall);
                probeCpu += middle - before;
                empty.Wall.Add(selected.Wall);
                emptyServer.Wall.Add(TimeSpan.FromMilliseconds(selected.ServerMs ?? 0));
                emptyCpu += after - middle;
            }
        }
        return [probe with { Cpu = probeCpu / runs }, empty with { Cpu = emptyCpu / runs }, emptyServer];
    }

    /// <summary>The per-request steps of lake/Query for the selective queries, replayed on bare DuckDB's instance.</summary>
    public static IReadOnlyList<Step> Replayed(TicketsView bare, int runs)
    {
        string[] names =
        [
            "count the statements (DuckDB's parser)",
            "json_serialize_sql and the walk of the tree",
            "prepare FROM query('…') (binds the view)",
            "run the prepared statement, read the row",
        ];
        var walls = names.Select(_ => new Latencies()).ToArray();
        var cpu = new TimeSpan[names.Length];
        using var connection = bare.Connect();
        for (var i = 0; i < runs + 5; i++)
        {
            var sql = SelectivePart.Sql(i);
            using var command = connection.CreateCommand();
            Action[] actions =
            [
                () => connection.CountStatements(sql),
                () => Walk(connection, sql),
                () =>
                {
                    command.CommandText = $"FROM query('{TicketsCsv.Sql(sql)}')";
                    command.Prepare();
                },
                () =>
                {
                    using var reader = command.ExecuteReader();
                    reader.Read();
                    reader.GetValue(0);
                },
            ];
            for (var step = 0; step < actions.Length; step++)
            {
                var ownBefore = Environment.CpuUsage.TotalTime;
                var (wall, _) = Alternating.Time(() =>
                {
                    actions[step]();
                    return 0;
                });
                if (i >= 5)
                {
                    walls[step].Add(wall);
                    cpu[step] += Environment.CpuUsage.TotalTime - ownBefore;
                }
            }
        }
        return names.Select((name, step) => new Step(name, walls[step], cpu[step] / runs)).ToList();
    }

    private static void Walk(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_serialize_sql(CAST($sql AS VARCHAR))";
        command.Parameters.AddWithValue("sql", sql);
        using var tree = JsonDocument.Parse((string)command.ExecuteScalar()!, new JsonDocumentOptions { MaxDepth = 4096 });
        var pending = new Stack<JsonElement>([tree.RootElement]);
        while (pending.TryPop(out var element))
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    pending.Push(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    pending.Push(item);
                }
            }
        }
    }
}
