using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// Query jobs (/api/v1/sql/queries): they run in the caller's sandbox like the SQL endpoint's queries, belong to the
/// key that started them, can be cancelled, and keep their result for pages and downloads in every format.
/// </summary>
[Collection(SqlLakeCollection.Name)]
public sealed class SqlQueryJobsTests(SqlLake lake)
{
    private const string CrossJoin = "SELECT count(*) FROM range(1000000000) AS a, range(100000) AS b WHERE a.range + b.range = -1";

    private string Ordered => $"SELECT ticket_id, district, fine FROM {lake.Tickets} ORDER BY ticket_id";

    [Fact]
    public async Task A_job_answers_202_with_its_location_and_then_holds_its_rows_and_columns()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);

        var response = await client.PostAsJsonAsync("/api/v1/sql/queries", new { sql = Ordered });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/sql/queries/{id}", response.Headers.Location!.OriginalString);
        var status = await FinishedAsync(client, id);
        Assert.Equal("succeeded", status.GetProperty("state").GetString());
        Assert.Equal(1, status.GetProperty("progress").GetDouble());
        Assert.Equal(6, status.GetProperty("rows").GetInt64());
        Assert.False(status.GetProperty("truncated").GetBoolean());
        Assert.Equal(["ticket_id", "district", "fine"], status.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("BIGINT", status.GetProperty("columns")[0].GetProperty("type").GetString());
        Assert.True(status.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Pages_hold_the_rows_in_order_and_say_whether_rows_follow()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var id = await SucceededAsync(client, Ordered);

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}/rows?offset=2&limit=2");
        var last = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}/rows?offset=4&limit=10");

        Assert.Equal([3L, 4], first.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()));
        Assert.True(first.GetProperty("truncated").GetBoolean());
        Assert.Equal(["ticket_id", "district", "fine"], SqlLake.ColumnNames(first));
        Assert.Equal([5L, 6], last.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()));
        Assert.False(last.GetProperty("truncated").GetBoolean());
        await ProblemAssert.IsProblem(await client.GetAsync($"/api/v1/sql/queries/{id}/rows?limit=0"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task Text_downloads_are_the_bytes_the_SQL_endpoint_answers(string format)
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var id = await SucceededAsync(client, Ordered);

        var download = await client.GetAsync($"/api/v1/sql/queries/{id}/result.{format}");
        var direct = await lake.PostAsync(lake.AnalystKey, new { sql = Ordered, format });

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(direct.Content.Headers.ContentType, download.Content.Headers.ContentType);
        Assert.Equal($"query-{id}.{format}", download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(await direct.Content.ReadAsByteArrayAsync(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("false", download.Headers.GetValues("X-Truncated").Single());
    }

    [Fact]
    public async Task Json_and_parquet_downloads_hold_every_row()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var id = await SucceededAsync(client, Ordered);

        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}/result.json");
        var parquet = await client.GetAsync($"/api/v1/sql/queries/{id}/result.parquet");

        Assert.Equal([1L, 2, 3, 4, 5, 6], json.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()));
        Assert.Equal("application/vnd.apache.parquet", parquet.Content.Headers.ContentType!.MediaType);
        var rows = await SqlFormatTests.ReadParquetAsync(parquet, "SELECT ticket_id, fine FROM {file}");
        Assert.Equal([1L, 2, 3, 4, 5, 6], rows.Select(row => (long)row[0]!));
        Assert.Equal(80.00m, rows[0][1]);
    }

    [Fact]
    public async Task Max_rows_cuts_the_result_and_every_answer_says_so()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var id = await SucceededAsync(client, Ordered, maxRows: 4);

        var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}");
        var csv = await client.GetAsync($"/api/v1/sql/queries/{id}/result.csv");
        var last = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}/rows?offset=2&limit=10");
        var parquet = await client.GetAsync($"/api/v1/sql/queries/{id}/result.parquet");

        Assert.Equal(4, status.GetProperty("rows").GetInt64());
        Assert.True(status.GetProperty("truncated").GetBoolean());
        Assert.Equal(5, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("true", csv.Headers.GetValues("X-Truncated").Single());
        Assert.Equal([3L, 4], last.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()));
        Assert.True(last.GetProperty("truncated").GetBoolean());
        Assert.Equal("true", parquet.Headers.GetValues("X-Truncated").Single());
        Assert.Equal(4L, (await SqlFormatTests.ReadParquetAsync(parquet, "SELECT count(*) FROM {file}"))[0][0]);
    }

    [Fact]
    public async Task A_long_query_shows_it_runs_and_DELETE_stops_it_at_once()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var id = await StartAsync(client, CrossJoin);
        await Task.Delay(300);

        var running = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}");
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.True(running.GetProperty("elapsed_ms").GetInt64() >= 300);
        var progress = running.GetProperty("progress");
        Assert.True(progress.ValueKind == JsonValueKind.Null || progress.GetDouble() is >= 0 and <= 1, progress.GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/api/v1/sql/queries/{id}/rows")).StatusCode);
        var clock = Stopwatch.StartNew();

        var cancel = await client.DeleteAsync($"/api/v1/sql/queries/{id}");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancelled after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await cancel.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal("Query cancelled", cancelled.GetProperty("error").GetProperty("title").GetString());
        Assert.Equal("cancelled", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/sql/queries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/sql/queries/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_job_over_a_large_dataset_reports_DuckDBs_progress_while_it_runs()
    {
        var dataset = ApiSeed.Unique("readings");
        await new ApiSeed(lake.Factory).DatasetAsync(lake.TransportKey, new { department = lake.Transport, slug = dataset, title = "Readings", access = "public" });
        var csv = new System.Text.StringBuilder("reading_id,meter\n");
        for (var row = 1; row <= 400_000; row++)
        {
            csv.Append(row).Append(",m").Append(row % 977).Append('\n');
        }
        var upload = await new UploadClient(lake.Factory, lake.TransportKey, lake.Transport, dataset).PutTextAsync(csv.ToString());
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        using var client = lake.Factory.CreateClient(lake.AnalystKey);

        var id = await StartAsync(client, $"SELECT max(md5(repeat(meter || reading_id, 300))) FROM \"{lake.Transport}\".\"{dataset}\"");
        var seen = new List<double>();
        JsonElement status;
        while ((status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}")).GetProperty("state").GetString() == "running")
        {
            if (status.GetProperty("progress").ValueKind == JsonValueKind.Number)
            {
                seen.Add(status.GetProperty("progress").GetDouble());
            }
            await Task.Delay(20);
        }

        Assert.Equal("succeeded", status.GetProperty("state").GetString());
        Assert.Equal(1, status.GetProperty("progress").GetDouble());
        Assert.Contains(seen, progress => progress is > 0 and < 1);
        Assert.All(seen, progress => Assert.InRange(progress, 0, 1));
    }

    [Fact]
    public async Task The_time_limit_fails_a_job_as_the_SQL_endpoint_answers_it()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var id = await StartAsync(client, CrossJoin, timeoutMs: 500);

        var status = await FinishedAsync(client, id);

        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Equal(422, status.GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("Query time limit exceeded", status.GetProperty("error").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Another_key_gets_404_and_no_key_401()
    {
        using var owner = lake.Factory.CreateClient(lake.AnalystKey);
        using var other = lake.Factory.CreateClient(lake.GrantedKey);
        using var anonymous = lake.Factory.CreateClient();
        var id = await SucceededAsync(owner, Ordered);

        foreach (var path in new[] { "", "/rows", "/result.csv" })
        {
            await ProblemAssert.IsProblem(await other.GetAsync($"/api/v1/sql/queries/{id}{path}"), HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/sql/queries/{id}{path}")).StatusCode);
        }
        await ProblemAssert.IsProblem(await other.DeleteAsync($"/api/v1/sql/queries/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/sql/queries", new { sql = "SELECT 1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/sql/queries/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(SqlEscapeTests.Escapes), MemberType = typeof(SqlEscapeTests))]
    public async Task Escapes_are_refused_as_the_SQL_endpoint_refuses_them(string sql, string refused)
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var filled = sql.Replace("{tickets}", lake.Tickets).Replace("{transport}", lake.Transport)
            .Replace("{data}", lake.Factory.DataDirectory).Replace("{outside}", Path.Combine(Path.GetTempPath(), "sql-job-escape"));

        var response = await client.PostAsJsonAsync("/api/v1/sql/queries", new { sql = filled });

        Assert.Contains(refused, await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetTempPath(), "sql-job-escape*"));
    }

    [Fact]
    public async Task A_job_runs_in_its_callers_sandbox_and_sees_only_what_the_key_may_read()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);

        var response = await client.PostAsJsonAsync("/api/v1/sql/queries", new { sql = $"SELECT * FROM {lake.Notes}" });

        Assert.Contains("officer-notes", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/sql/queries", new { sql = $"SELECT count(*) FROM {lake.Appointments}" })).StatusCode);
    }

    [Fact]
    public async Task Jobs_are_recorded_in_the_audit_log_as_queries()
    {
        using var client = lake.Factory.CreateClient(lake.AnalystKey);
        var sql = Ordered + " -- audited job " + Guid.NewGuid().ToString("N");
        await SucceededAsync(client, sql);

        using var admin = lake.Factory.CreateAdminClient();
        var entries = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=query&limit=500");

        var entry = entries.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("detail").GetString() == sql);
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        Assert.Equal(6, entry.GetProperty("rows").GetInt64());
        Assert.Equal([$"{lake.Transport}/traffic-tickets"], entry.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task A_key_runs_at_most_its_limit_and_results_expire_with_their_files()
    {
        using var factory = new OpenDataApiFactory
        {
            Settings = new Dictionary<string, string> { ["SqlQueries:MaxRunningPerKey"] = "1", ["SqlQueries:ResultLifetime"] = "00:00:00.5" },
        };
        var key = await new ApiSeed(factory).KeyAsync("analyst");
        using var client = factory.CreateClient(key);
        var running = await StartAsync(client, CrossJoin);

        var second = await client.PostAsJsonAsync("/api/v1/sql/queries", new { sql = "SELECT 1" });

        Assert.Contains("SqlQueries:MaxRunningPerKey", await ProblemAssert.Detail(second, HttpStatusCode.TooManyRequests));
        await client.DeleteAsync($"/api/v1/sql/queries/{running}");
        var id = await SucceededAsync(client, "SELECT 42 AS answer");
        var results = Path.Combine(factory.DataDirectory, "sql-queries");
        Assert.True(File.Exists(Path.Combine(results, id + ".parquet")));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(Directory.GetFiles(results));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/sql/queries/{id}")).StatusCode);
    }

    private static async Task<string> StartAsync(HttpClient client, string sql, long? maxRows = null, long? timeoutMs = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sql/queries", new { sql, max_rows = maxRows, timeout_ms = timeoutMs });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> SucceededAsync(HttpClient client, string sql, long? maxRows = null)
    {
        var id = await StartAsync(client, sql, maxRows);
        var status = await FinishedAsync(client, id);
        Assert.True(status.GetProperty("state").GetString() == "succeeded", status.GetRawText());
        return id;
    }

    private static async Task<JsonElement> FinishedAsync(HttpClient client, string id)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sql/queries/{id}");
            if (status.GetProperty("state").GetString() != "running" || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return status;
            }
            await Task.Delay(20);
        }
    }
}
