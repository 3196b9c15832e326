using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>Quality checks declared on an uploaded dataset: run on every uploaded version and reported on it.</summary>
public class DatasetChecksTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private readonly ApiSeed _seed = new(factory);

    private static readonly object[] TicketChecks =
    [
        new { kind = "notNull", column = "district" },
        new { kind = "unique", columns = new[] { "ticket_id" } },
        new { kind = "acceptedValues", column = "paid", values = new[] { "true", "false" } },
        new { kind = "rowCount", min = 1, max = 100 },
        new { kind = "sql", name = "no negative fines", sql = "SELECT * FROM output WHERE fine < 0" },
    ];

    private const string Tickets = """
        ticket_id,district,plate,fine,paid
        1,Huangpu,沪A00001,200,true
        2,,沪A00002,-50,false
        2,Xuhui,沪A00003,100,true
        3,Minhang,沪A00004,150,false
        """;

    [Fact]
    public async Task An_upload_reports_each_check_with_failing_rows_and_the_version_keeps_the_report()
    {
        var (department, key) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(key, new { department, slug = "tickets", title = "Tickets", checks = TicketChecks });
        var upload = new UploadClient(factory, key, department, "tickets");

        var response = await upload.PutTextAsync(Tickets);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var checks = ByName(result.GetProperty("checks"));
        Assert.Equal(["not_null(district)", "unique(ticket_id)", "accepted_values(paid)", "row_count(1..100)", "no negative fines"], checks.Keys);
        Assert.False(checks["not_null(district)"].GetProperty("passed").GetBoolean());
        Assert.Equal(1, checks["not_null(district)"].GetProperty("failingRows").GetInt64());
        Assert.Equal("2", Sample(checks["not_null(district)"], "ticket_id"));
        Assert.False(checks["unique(ticket_id)"].GetProperty("passed").GetBoolean());
        Assert.Equal("2", Sample(checks["unique(ticket_id)"], "occurrences"));
        Assert.True(checks["accepted_values(paid)"].GetProperty("passed").GetBoolean());
        Assert.True(checks["row_count(1..100)"].GetProperty("passed").GetBoolean());
        Assert.Equal("-50", Sample(checks["no negative fines"], "fine"));
        // The upload itself is not stopped: the version holds every row, and keeps the report.
        Assert.Equal(4, result.GetProperty("versionRows").GetInt64());
        var version = await upload.VersionAsync(1);
        Assert.Equal(result.GetProperty("checks").GetRawText(), version.GetProperty("checks").GetRawText());
    }

    [Fact]
    public async Task Sample_rows_are_withheld_from_callers_who_may_not_see_personal_columns()
    {
        var (department, key) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(key, new
        {
            department, slug = "tickets", title = "Tickets", access = "public", personalColumns = new[] { "plate" },
            checks = new object[] { new { kind = "notNull", column = "district" } },
        });
        Assert.Equal(HttpStatusCode.Created, (await new UploadClient(factory, key, department, "tickets").PutTextAsync(Tickets)).StatusCode);
        using var anonymous = factory.CreateClient();
        using var owner = factory.CreateClient(key);

        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions/1");
        var listed = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions");
        var details = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets");
        var own = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{department}/tickets/versions/1");

        foreach (var check in new[] { shown.GetProperty("checks")[0], listed[0].GetProperty("checks")[0], details.GetProperty("currentVersion").GetProperty("checks")[0] })
        {
            Assert.False(check.GetProperty("passed").GetBoolean());
            Assert.Equal(1, check.GetProperty("failingRows").GetInt64());
            Assert.Equal(0, check.GetProperty("rows").GetArrayLength());
            Assert.DoesNotContain("沪A", check.GetRawText());
        }
        Assert.Contains("沪A00002", own.GetProperty("checks")[0].GetProperty("rows").GetRawText());
    }

    [Fact]
    public async Task Checks_are_refused_with_the_field_when_incomplete_not_a_select_or_naming_a_missing_column()
    {
        var (department, key) = await _seed.DepartmentAsync();
        using var client = factory.CreateClient(key);
        var contract = new[] { new { name = "ticket_id", type = "BIGINT" }, new { name = "district", type = "VARCHAR" } };

        async Task<string> Refusal(object check)
        {
            var response = await client.PostAsJsonAsync("/api/v1/datasets", new { department, slug = ApiSeed.Unique("t"), title = "T", contract, checks = new[] { check } });
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("checks", out _));
            return problem.GetProperty("detail").GetString()!;
        }

        Assert.Contains("needs column", await Refusal(new { kind = "notNull" }));
        Assert.Contains("'fine'", await Refusal(new { kind = "notNull", column = "fine" }));
        Assert.Contains("one SELECT", await Refusal(new { kind = "sql", sql = "DELETE FROM output" }));
        Assert.Contains("one SELECT", await Refusal(new { kind = "sql", sql = "SELECT 1; SELECT 2" }));
        Assert.Contains("min and/or max", await Refusal(new { kind = "rowCount", min = 5, max = 1 }));
    }

    [Fact]
    public async Task Checks_added_later_are_held_to_the_current_columns_and_a_check_that_cannot_run_is_reported_failed()
    {
        var (department, key) = await _seed.DepartmentAsync();
        await _seed.DatasetAsync(key, new { department, slug = "tickets", title = "Tickets" });
        var upload = new UploadClient(factory, key, department, "tickets");
        Assert.Equal(HttpStatusCode.Created, (await upload.PutTextAsync(Tickets)).StatusCode);
        using var client = factory.CreateClient(key);

        var refused = await client.PatchAsJsonAsync($"/api/v1/datasets/{department}/tickets",
            new { checks = new[] { new { kind = "notNull", column = "officer" } } });
        await ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest);
        var accepted = await client.PatchAsJsonAsync($"/api/v1/datasets/{department}/tickets",
            new { checks = new[] { new { kind = "notNull", column = "plate" } } });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("plate", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks")[0].GetProperty("column").GetString());

        var response = await upload.PutTextAsync("ticket_id,district\n9,Xuhui\n");

        var check = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks")[0];
        Assert.False(check.GetProperty("passed").GetBoolean());
        Assert.Contains("could not run", check.GetProperty("message").GetString());
        Assert.Contains("plate", check.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, (await upload.VersionAsync(1)).GetProperty("checks").ValueKind);
    }

    private static Dictionary<string, JsonElement> ByName(JsonElement checks) =>
        checks.EnumerateArray().ToDictionary(check => check.GetProperty("check").GetString()!);

    private static string? Sample(JsonElement check, string column)
    {
        var index = check.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf(column);
        Assert.True(index >= 0, $"{column} is not among the sample's columns: {check.GetProperty("columns")}");
        return check.GetProperty("rows")[0][index].GetString();
    }
}
