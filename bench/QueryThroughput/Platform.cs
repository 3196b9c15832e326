using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenData.Bench.QueryThroughput;

/// <summary>
/// The HTTP side: publishes the tickets dataset (or finds it already published in a reused data folder), issues
/// the analyst key the queries run with, and runs SQL through <c>POST /api/v1/sql</c>.
/// </summary>
internal sealed class Platform(PlatformServer server, HttpClient client)
{
    public const string Department = Upload.Department;
    public const string Dataset = Upload.Dataset;

    /// <summary>The dataset's view in the SQL endpoint, the same name the bare side gives its own view.</summary>
    public const string View = $"{Department}.\"{Dataset}\"";

    /// <summary>The version the queries read: its number, rows, and files (paths relative to the lake folder).</summary>
    public sealed record Published(int Version, long Rows, IReadOnlyList<string> Files, TimeSpan? UploadWall, string How);

    /// <summary>A SQL answer: status, wall time from sending the request to the last byte, the body, and the server's elapsed_ms (JSON).</summary>
    public sealed record Answer(HttpStatusCode Status, TimeSpan Wall, byte[] Body, long? ServerMs)
    {
        public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The SQL answer is empty.");
    }

    public HttpClient Client => client;

    public string AdminKey => server.AdminKey;

    /// <summary>
    /// The dataset with <paramref name="rows"/> rows, sorted by issued_at: found in the data folder, or published now
    /// (department, dataset, PUT of the cached CSV; a new version when the folder holds another row count).
    /// </summary>
    public async Task<Published> EnsureDatasetAsync(long rows, Func<string> csv)
    {
        using var found = await Upload.SendAsync(client, HttpMethod.Get, $"/api/v1/datasets/{Department}/{Dataset}", server.AdminKey);
        string how;
        TimeSpan? wall = null;
        if (found.StatusCode == HttpStatusCode.OK)
        {
            var details = JsonNode.Parse(await found.Content.ReadAsStringAsync())!;
            var sort = details["dataset"]?["sortColumns"]?.AsArray().Select(c => c?.GetValue<string>()).ToList() ?? [];
            if (sort is not ["issued_at"])
            {
                throw new InvalidOperationException(
                    $"{Department}/{Dataset} in {server.DataDirectory} is not sorted by issued_at alone (sortColumns [{string.Join(", ", sort)}]); use another --data-folder.");
            }
            if (details["currentVersion"]?["rowCount"]?.GetValue<long>() == rows)
            {
                var number = details["currentVersion"]!["number"]!.GetValue<int>();
                return await VersionAsync(number, null, $"reused version {number} from {server.DataDirectory}");
            }
            how = "published as a new version (the data folder held another row count)";
            wall = (await Upload.CommitAsync(client, server, server.AdminKey, csv())).Wall;
        }
        else if (found.StatusCode == HttpStatusCode.NotFound)
        {
            how = "published now";
            wall = (await Upload.PublishAsync(client, server, csv())).Upload.Wall;
        }
        else
        {
            throw new InvalidOperationException($"GET /api/v1/datasets/{Department}/{Dataset} answered {(int)found.StatusCode}: {await found.Content.ReadAsStringAsync()}");
        }

        using var again = await Upload.SendAsync(client, HttpMethod.Get, $"/api/v1/datasets/{Department}/{Dataset}", server.AdminKey);
        var current = (await Upload.Expect(again, HttpStatusCode.OK))["currentVersion"]!["number"]!.GetValue<int>();
        return await VersionAsync(current, wall, how);
    }

    /// <summary>An analyst key: the internal tier, and no anonymous rate limit.</summary>
    public async Task<string> CreateAnalystKeyAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/keys")
        {
            Content = JsonContent.Create(new { name = "QueryThroughput benchmark", role = "analyst" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
        var created = await Upload.Expect(await client.SendAsync(request), HttpStatusCode.Created);
        return created["secret"]!.GetValue<string>();
    }

    /// <summary>POST /api/v1/sql with <c>{"sql": …, "format": "json"}</c>; the whole body is read before the clock stops.</summary>
    public async Task<Answer> QueryAsync(string sql, string key, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sql")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { sql, format = "json" })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var started = Stopwatch.GetTimestamp();
        using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
        var wall = Stopwatch.GetElapsedTime(started);
        return new Answer(answer.StatusCode, wall, body, answer.StatusCode == HttpStatusCode.OK ? ServerMs(body) : null);
    }

    /// <summary>The answer's JSON when it is a 200; otherwise an exception with the status, the body and the server log's tail.</summary>
    public JsonNode Expect(Answer answer, string what) =>
        answer.Status == HttpStatusCode.OK
            ? answer.Json
            : throw new InvalidOperationException(
                $"{what} answered {(int)answer.Status}: {System.Text.Encoding.UTF8.GetString(answer.Body)}\nserver log ({server.LogPath}):\n{server.Tail()}");

    private async Task<Published> VersionAsync(int number, TimeSpan? wall, string how)
    {
        var (rows, files) = await Upload.VersionAsync(client, server.AdminKey, Dataset, number);
        return new Published(number, rows, files, wall, how);
    }

    private static long? ServerMs(byte[] body)
    {
        // "elapsed_ms" is the last member of the JSON answer: look for it near the end rather than parse it all.
        var tail = System.Text.Encoding.UTF8.GetString(body.AsSpan(Math.Max(0, body.Length - 64)));
        var at = tail.LastIndexOf("\"elapsed_ms\":", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var digits = new string(tail[(at + 13)..].TakeWhile(char.IsAsciiDigit).ToArray());
        return long.TryParse(digits, out var ms) ? ms : null;
    }
}
