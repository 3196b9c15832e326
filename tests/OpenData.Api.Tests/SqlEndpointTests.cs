using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// One host for the SQL tests, seeded once over HTTP: transport's public tickets (plate_number personal, two versions),
/// health's internal appointments, and transport's restricted officer notes, plus analyst keys.
/// </summary>
public sealed class SqlLake : SeededLake
{
    public string Tickets => $"\"{Transport}\".\"traffic-tickets\"";

    public string Appointments => $"\"{Health}\".appointments";

    public string Notes => $"\"{Transport}\".\"officer-notes\"";

    protected override async Task PublishDatasetsAsync(ApiSeed seed, string healthKey)
    {
        await PublishAsync(seed, TransportKey, Transport, "traffic-tickets", "public", ["plate_number"], TicketsV1, TicketsV2);
        await PublishAsync(seed, healthKey, Health, "appointments", "internal", ["patient_name"], AppointmentsCsv);
        await PublishAsync(seed, TransportKey, Transport, "officer-notes", "restricted", [], NotesCsv);
    }

    public async Task<HttpResponseMessage> PostAsync(string? key, object body)
    {
        using var client = Factory.CreateClient(key);
        return await client.PostAsJsonAsync("/api/v1/sql", body);
    }

    /// <summary>Runs <paramref name="sql"/> as JSON and returns the answer, asserting 200.</summary>
    public async Task<JsonElement> QueryAsync(string? key, string sql)
    {
        var response = await PostAsync(key, new { sql });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string[] ColumnNames(JsonElement answer) =>
        answer.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();

    /// <summary>A dataset titled by its slug: the SQL tests care only about its access and personal columns.</summary>
    private Task PublishAsync(ApiSeed seed, string key, string department, string slug, string access, string[] personal, params string[] versions) =>
        base.PublishAsync(seed, key, new { department, slug, title = slug, access, personalColumns = personal }, versions);
}

[CollectionDefinition(Name)]
public sealed class SqlLakeCollection : ICollectionFixture<SqlLake>
{
    public const string Name = "SQL lake";
}

[Collection(SqlLakeCollection.Name)]
public sealed class SqlEndpointTests(SqlLake lake)
{
    [Fact]
    public async Task Anonymous_select_star_answers_the_public_projection_without_personal_columns()
    {
        var response = await lake.PostAsync(null, new { sql = $"SELECT * FROM {lake.Tickets} ORDER BY ticket_id" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.All(SqlLake.Plates, plate => Assert.DoesNotContain(plate, text));
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["ticket_id", "district", "fine"], SqlLake.ColumnNames(answer));
        Assert.Equal("BIGINT", answer.GetProperty("columns")[0].GetProperty("type").GetString());
        Assert.Equal([1L, 2, 3, 4, 5, 6], answer.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()));
        Assert.False(answer.GetProperty("truncated").GetBoolean());
        Assert.True(answer.GetProperty("elapsed_ms").GetInt64() >= 0);
    }

    [Theory]
    [InlineData("SELECT plate_number FROM {tickets}", "plate_number")]
    [InlineData("SELECT t.plate_number FROM {tickets} AS t", "plate_number")]
    [InlineData("SELECT COLUMNS('plate.*') FROM {tickets}", "plate")]
    [InlineData("SELECT * FROM read_parquet('{data}/lake/internal/{transport}/traffic-tickets/*/*.parquet')", "Permission Error")]
    [InlineData("SELECT * FROM read_parquet('{data}/lake/public/{transport}/traffic-tickets/../../../internal/{transport}/traffic-tickets/*/*.parquet')", "Permission Error")]
    [InlineData("SELECT * FROM {appointments}", "appointments")]
    public async Task Anonymous_callers_never_reach_personal_or_internal_data(string sql, string named)
    {
        var response = await lake.PostAsync(null, new { sql = Fill(sql) });

        var detail = await ProblemAssert.Detail(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, detail);
        Assert.All(SqlLake.Plates, plate => Assert.DoesNotContain(plate, detail));
    }

    [Fact]
    public async Task Anonymous_rows_as_json_text_hold_no_personal_value()
    {
        var answer = await lake.QueryAsync(null, $"SELECT to_json(t) AS row, * EXCLUDE (district) FROM {lake.Tickets} AS t");

        Assert.All(SqlLake.Plates, plate => Assert.DoesNotContain(plate, answer.GetRawText()));
        Assert.DoesNotContain("plate", answer.GetRawText());
    }

    [Fact]
    public async Task An_analyst_queries_across_two_departments_with_the_internal_tier()
    {
        var answer = await lake.QueryAsync(lake.AnalystKey, $"""
            SELECT t.district, count(DISTINCT t.ticket_id) AS tickets, count(DISTINCT a.appointment_id) AS appointments
            FROM {lake.Tickets} AS t JOIN {lake.Appointments} AS a USING (district)
            GROUP BY ALL ORDER BY t.district
            """);

        Assert.Equal(
            ["huangpu 3 2", "jingan 2 1"],
            answer.GetProperty("rows").EnumerateArray().Select(row => $"{row[0].GetString()} {row[1].GetInt64()} {row[2].GetInt64()}"));
        Assert.Contains("plate_number", SqlLake.ColumnNames(await lake.QueryAsync(lake.AnalystKey, $"SELECT * FROM {lake.Tickets}")));
    }

    [Fact]
    public async Task Restricted_datasets_answer_only_to_keys_granted_them_their_department_and_admins()
    {
        var sql = $"SELECT note FROM {lake.Notes}";

        Assert.Contains("officer-notes", await ProblemAssert.Detail(await lake.PostAsync(lake.AnalystKey, new { sql }), HttpStatusCode.BadRequest));
        foreach (var key in new[] { lake.GrantedKey, lake.TransportKey, OpenDataApiFactory.TestAdminKey })
        {
            Assert.Equal("confidential", (await lake.QueryAsync(key, sql)).GetProperty("rows")[0][0].GetString());
        }
    }

    [Fact]
    public async Task Every_kept_version_answers_to_its_own_name_and_a_link_can_cite_it()
    {
        Assert.Equal(6, (await lake.QueryAsync(null, $"SELECT count(*) FROM {lake.Tickets}")).GetProperty("rows")[0][0].GetInt64());
        var link = "/api/v1/sql?format=csv&sql=" + Uri.EscapeDataString($"SELECT count(*) AS tickets FROM \"{lake.Transport}\".\"traffic-tickets@v1\"");
        using var client = lake.Factory.CreateClient();

        var response = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tickets\r\n4\r\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_json_answer_is_cut_at_max_rows_and_says_so()
    {
        var response = await lake.PostAsync(null, new { sql = "SELECT * FROM range(10)", max_rows = 3 });

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([0L, 1, 2], answer.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()));
        Assert.True(answer.GetProperty("truncated").GetBoolean());
        var exact = await lake.PostAsync(null, new { sql = "SELECT * FROM range(3)", max_rows = 3 });
        Assert.False((await exact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Explain_answers_the_plan()
    {
        var answer = await lake.QueryAsync(null, $"EXPLAIN SELECT count(*) FROM {lake.Tickets}");

        Assert.Equal(["explain_key", "explain_value"], SqlLake.ColumnNames(answer));
    }

    [Theory]
    [InlineData("SELEC 1", "Parser Error")]
    [InlineData("SELECT * FROM nowhere.nothing", "nothing")]
    [InlineData("SELECT nothing FROM range(1)", "nothing")]
    [InlineData("SELECT 'x'::INTEGER", "Conversion Error")]
    public async Task DuckDB_errors_are_400_problems_with_DuckDBs_message(string sql, string message)
    {
        var detail = await ProblemAssert.Detail(await lake.PostAsync(null, new { sql }), HttpStatusCode.BadRequest);

        Assert.StartsWith("sql: ", detail);
        Assert.Contains(message, detail);
    }

    [Theory]
    [InlineData("""{"format":"json"}""", "sql")]
    [InlineData("""{"sql":"  "}""", "sql")]
    [InlineData("""{"sql":"SELECT 1","format":"xml"}""", "format")]
    [InlineData("""{"sql":"SELECT 1","format":"1"}""", "format")]
    [InlineData("""{"sql":"SELECT 1","max_rows":0}""", "max_rows")]
    [InlineData("""{"sql":"SELECT 1","max_rows":10000001}""", "max_rows")]
    [InlineData("""{"sql":"SELECT 1","timeout_ms":0}""", "timeout_ms")]
    [InlineData("""{"sql":"SELECT 1","timeout_ms":30001}""", "timeout_ms")]
    public async Task Bad_requests_are_400_problems_naming_the_field(string body, string field)
    {
        using var client = lake.Factory.CreateClient();

        var response = await client.PostAsync("/api/v1/sql", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Keys_may_ask_for_longer_time_limits_than_anonymous_callers()
    {
        var body = new { sql = "SELECT 1", timeout_ms = 60_000 };

        Assert.Contains("30000", await ProblemAssert.Detail(await lake.PostAsync(null, body), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await lake.PostAsync(lake.AnalystKey, body)).StatusCode);
    }

    [Fact]
    public async Task A_get_with_a_bad_number_is_a_400_problem()
    {
        using var client = lake.Factory.CreateClient();

        var response = await client.GetAsync("/api/v1/sql?sql=SELECT%201&max_rows=many");

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    private string Fill(string sql) => sql
        .Replace("{tickets}", lake.Tickets)
        .Replace("{appointments}", lake.Appointments)
        .Replace("{transport}", lake.Transport)
        .Replace("{data}", lake.Factory.DataDirectory);
}
