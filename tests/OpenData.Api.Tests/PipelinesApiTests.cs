using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>/api/v1/pipelines through the real host: definitions, permissions, runs, failures, lineage, incremental mode.</summary>
public class PipelinesApiTests(PipelinesFactory host) : IClassFixture<PipelinesFactory>
{
    private const string Tickets = "ticket_id,district,issued_on,fine,plate\n1,north,2024-03-01,10,A1\n2,north,2024-03-01,20,A2\n3,south,2024-03-02,30,B1\n";

    private readonly OpenDataApiFactory _factory = host.Factory;
    private readonly ApiSeed _seed = new(host.Factory);

    [Fact]
    public async Task CreatePipeline_finds_the_inputs_with_the_parser_and_answers_201()
    {
        var (department, key, tickets) = await TicketsAsync();
        var pipelines = new PipelineClient(_factory, key);

        var created = await pipelines.CreatedAsync(Definition(department, "per-district",
            $"WITH t AS (SELECT * FROM \"{department}\".\"{tickets}\") SELECT district, count(*) AS tickets FROM t GROUP BY ALL"));

        Assert.Equal([$"{department}/{tickets}"], created.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));
        var analyst = new PipelineClient(_factory, await _seed.KeyAsync("analyst"));
        var read = await analyst.GetAsync($"/api/v1/pipelines/{created.GetProperty("name").GetString()}");
        Assert.Equal(department, read.GetProperty("department").GetString());
        Assert.Contains((await analyst.GetAsync($"/api/v1/pipelines?department={department}")).EnumerateArray(),
            p => p.GetProperty("name").GetString() == created.GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreatePipeline_refuses_sql_that_does_not_parse_is_not_a_select_or_reads_what_the_department_may_not()
    {
        var (department, key, tickets) = await TicketsAsync();
        var (other, otherKey) = await _seed.DepartmentAsync("other");
        await _seed.DatasetAsync(otherKey, new { department = other, slug = "secret", title = "Secret", access = "internal" });
        await new UploadClient(_factory, otherKey, other, "secret").PutTextAsync("a\n1\n");
        var pipelines = new PipelineClient(_factory, key);

        foreach (var (sql, expected) in new[]
        {
            ("SELEC district FROM x", "syntax error"),
            ($"DELETE FROM \"{department}\".\"{tickets}\"", "Only SELECT"),
            ($"SELECT * FROM \"{other}\".secret", "may not read"),
            ("SELECT * FROM read_csv('/etc/passwd')", "not files"),
            ($"SELECT nothing FROM \"{department}\".\"{tickets}\"", "nothing"),
        })
        {
            var response = await pipelines.CreateAsync(Definition(department, "bad", sql));
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
            Assert.Contains(expected, problem.GetProperty("detail").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("sql", out _));
        }
    }

    [Fact]
    public async Task Pipelines_are_written_by_their_department_or_an_admin_and_read_with_any_key()
    {
        var (department, key, tickets) = await TicketsAsync();
        var (_, otherKey) = await _seed.DepartmentAsync("other");
        var definition = Definition(department, "perm", $"SELECT district FROM \"{department}\".\"{tickets}\"");

        await ProblemAssert.IsProblem(await new PipelineClient(_factory, otherKey).CreateAsync(definition), HttpStatusCode.Forbidden);
        var created = await new PipelineClient(_factory, OpenDataApiFactory.TestAdminKey).CreatedAsync(definition);
        var name = created.GetProperty("name").GetString();

        using var other = _factory.CreateClient(otherKey);
        await ProblemAssert.IsProblem(await other.PostAsync($"/api/v1/pipelines/{name}/runs", null), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await other.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new { onInputChange = true }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await other.DeleteAsync($"/api/v1/pipelines/{name}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/pipelines/{name}")).StatusCode);
        using var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/pipelines")).StatusCode);

        using var owner = _factory.CreateClient(key);
        var patched = await owner.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new { schedule = "0 0 6 * * ?" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("0 0 6 * * ?", (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("schedule").GetString());
        await ProblemAssert.IsProblem(await owner.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new { schedule = "every day" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/pipelines/{name}")).StatusCode);
        await ProblemAssert.IsProblem(await owner.GetAsync($"/api/v1/pipelines/{name}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_public_target_of_personal_records_needs_suppression()
    {
        var (department, key, tickets) = await TicketsAsync(personal: true);

        var response = await new PipelineClient(_factory, key).CreateAsync(Definition(department, "leak",
            $"SELECT district, count(*) AS n FROM \"{department}\".\"{tickets}\" GROUP BY ALL", access: "public"));

        Assert.Contains("suppression", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Runs_pin_their_inputs_and_lineage_names_the_exact_versions()
    {
        var (department, key, tickets) = await TicketsAsync();
        var pipelines = new PipelineClient(_factory, key);
        var name = (await pipelines.CreatedAsync(Definition(department, "fines",
            $"SELECT district, sum(fine) AS fines, count(*) AS tickets FROM \"{department}\".\"{tickets}\" GROUP BY ALL ORDER BY district",
            descriptions: new Dictionary<string, string> { ["fines"] = "Sum of fines" }))).GetProperty("name").GetString()!;
        var target = name + "-out";

        var first = await pipelines.RunAsync(name);
        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        Assert.Equal("manual", first.GetProperty("trigger").GetString());
        Assert.Equal(1, first.GetProperty("outputVersion").GetInt32());
        Assert.Equal(2, first.GetProperty("rows").GetInt64());
        Assert.Equal(1, first.GetProperty("inputs")[0].GetProperty("version").GetInt32());

        await new UploadClient(_factory, key, department, tickets).PutTextAsync(Tickets + "4,south,2024-03-03,40,B2\n");
        var second = await pipelines.RunAsync(name);
        Assert.Equal(2, second.GetProperty("outputVersion").GetInt32());
        Assert.Equal(2, second.GetProperty("inputs")[0].GetProperty("version").GetInt32());
        var again = await pipelines.RunAsync(name);
        Assert.Equal(3, again.GetProperty("outputVersion").GetInt32());

        var output = new UploadClient(_factory, key, department, target);
        Assert.Equal(70m, Convert.ToDecimal(await output.QueryAsync(2, "SELECT sum(fines) FROM v WHERE district = 'south'")));
        Assert.Equal(0L, await output.QueryAsync(3, $"SELECT count(*) FROM (FROM v EXCEPT ALL FROM read_parquet([{await FilesAsync(output, 2)}]))"));
        var dataset = await pipelines.GetAsync($"/api/v1/datasets/{department}/{target}");
        Assert.Equal("Sum of fines", dataset.GetProperty("dataset").GetProperty("contract").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "fines").GetProperty("description").GetString());

        var lineage = await pipelines.GetAsync($"/api/v1/datasets/{department}/{target}/lineage");
        Assert.Equal([$"{department}/{tickets}"], lineage.GetProperty("upstream").EnumerateArray().Select(d => d.GetString()));
        var edges = lineage.GetProperty("edges").EnumerateArray().Select(e => (e.GetProperty("fromVersion").GetInt32(), e.GetProperty("toVersion").GetInt32())).ToList();
        Assert.Equal([(1, 1), (2, 2), (2, 3)], edges);
        var upstream = await pipelines.GetAsync($"/api/v1/datasets/{department}/{tickets}/lineage");
        Assert.Equal([$"{department}/{target}"], upstream.GetProperty("downstream").EnumerateArray().Select(d => d.GetString()));
        var source = upstream.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("dataset").GetString() == $"{department}/{tickets}")
            .GetProperty("sources")[0];
        Assert.Equal("upload", source.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Failing_sql_and_failing_checks_commit_nothing_and_leave_the_previous_version()
    {
        var (department, key, tickets) = await TicketsAsync();
        var pipelines = new PipelineClient(_factory, key);
        var name = (await pipelines.CreatedAsync(Definition(department, "fragile",
            $"SELECT district, count(*) AS n FROM \"{department}\".\"{tickets}\" GROUP BY ALL"))).GetProperty("name").GetString()!;
        Assert.Equal(1, (await pipelines.RunAsync(name)).GetProperty("outputVersion").GetInt32());
        using var owner = _factory.CreateClient(key);

        // Binds and describes at definition, fails only when it runs: retried once, then left failed.
        var patched = await owner.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new { sql = $"SELECT district, error('boom') AS n FROM \"{department}\".\"{tickets}\"" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var failed = await pipelines.RunAsync(name);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("boom", failed.GetProperty("error").GetString());
        var retry = await pipelines.WaitAsync(name, r => r.GetProperty("attempt").GetInt32() == 2 && r.GetProperty("status").GetString() != "running");
        Assert.Equal("failed", retry.GetProperty("status").GetString());

        patched = await owner.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new
        {
            sql = $"SELECT district, count(*) AS n FROM \"{department}\".\"{tickets}\" GROUP BY ALL",
            checks = new object[] { new { kind = "notNull", column = "district" }, new { kind = "sql", name = "few", sql = "SELECT * FROM output WHERE n > 1" } },
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var checkedRun = await pipelines.RunAsync(name);
        Assert.Equal("failed", checkedRun.GetProperty("status").GetString());
        Assert.Equal(1, checkedRun.GetProperty("attempt").GetInt32());
        var failure = checkedRun.GetProperty("failedCheck");
        Assert.Equal("few", failure.GetProperty("check").GetString());
        Assert.Equal(["district", "n"], failure.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("north", failure.GetProperty("rows")[0][0].GetString());

        var dataset = await pipelines.GetAsync($"/api/v1/datasets/{department}/{name}-out");
        Assert.Equal(1, dataset.GetProperty("currentVersion").GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Incremental_mode_adds_only_rows_past_the_watermark()
    {
        var (department, key, tickets) = await TicketsAsync();
        var pipelines = new PipelineClient(_factory, key);
        var definition = new Dictionary<string, object?>(Definition(department, "daily",
            $"SELECT issued_on, count(*) AS tickets FROM \"{department}\".\"{tickets}\" GROUP BY ALL"))
        {
            ["mode"] = "incremental",
            ["watermarkColumn"] = "issued_on",
        };
        var name = (await pipelines.CreatedAsync(definition)).GetProperty("name").GetString()!;
        Assert.Equal(2, (await pipelines.RunAsync(name)).GetProperty("rows").GetInt64());

        var appended = await new UploadClient(_factory, key, department, tickets)
            .PutTextAsync("ticket_id,district,issued_on,fine,plate\n4,east,2024-03-05,5,C1\n5,east,2024-03-05,5,C2\n", query: "?mode=append");
        Assert.Equal(HttpStatusCode.Created, appended.StatusCode);
        var second = await pipelines.RunAsync(name);
        var nothing = await pipelines.RunAsync(name);

        Assert.Equal(1, second.GetProperty("rows").GetInt64());
        Assert.Equal(2, second.GetProperty("outputVersion").GetInt32());
        Assert.Equal(0, nothing.GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.Null, nothing.GetProperty("outputVersion").ValueKind);
        var output = new UploadClient(_factory, key, department, name + "-out");
        Assert.Equal(3L, await output.QueryAsync(2, "SELECT count(*) FROM v"));
        Assert.Equal(2L, await output.QueryAsync(2, "SELECT tickets FROM v WHERE issued_on = DATE '2024-03-05'"));
    }

    [Fact]
    public async Task Cron_and_input_change_trigger_runs()
    {
        var (department, key, tickets) = await TicketsAsync();
        var pipelines = new PipelineClient(_factory, key);
        var scheduled = (await pipelines.CreatedAsync(new Dictionary<string, object?>(Definition(department, "cron",
            $"SELECT district FROM \"{department}\".\"{tickets}\"")) { ["schedule"] = "0/1 * * * * ?" })).GetProperty("name").GetString()!;
        var watching = (await pipelines.CreatedAsync(new Dictionary<string, object?>(Definition(department, "watch",
            $"SELECT district FROM \"{department}\".\"{tickets}\"")) { ["onInputChange"] = true })).GetProperty("name").GetString()!;

        var byCron = await pipelines.WaitAsync(scheduled, r => r.GetProperty("trigger").GetString() == "schedule" && r.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(1, byCron.GetProperty("inputs")[0].GetProperty("version").GetInt32());
        await pipelines.WaitAsync(watching, r => r.GetProperty("trigger").GetString() == "inputChange" && r.GetProperty("status").GetString() == "succeeded");

        await new UploadClient(_factory, key, department, tickets).PutTextAsync(Tickets + "9,west,2024-03-09,9,D1\n");
        var byChange = await pipelines.WaitAsync(watching, r => r.GetProperty("inputs")[0].GetProperty("version").GetInt32() == 2
            && r.GetProperty("status").GetString() == "succeeded");
        Assert.Equal("inputChange", byChange.GetProperty("trigger").GetString());
        using var owner = _factory.CreateClient(key);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/pipelines/{scheduled}")).StatusCode);
    }

    private async Task<string> FilesAsync(UploadClient output, int version) =>
        string.Join(",", (await output.VersionAsync(version)).GetProperty("files").EnumerateArray()
            .Select(f => f.GetProperty("path").GetString()!)
            .Where(p => p.StartsWith("internal/", StringComparison.Ordinal))
            .Select(p => $"'{Path.Combine(_factory.DataDirectory, "lake", p)}'"));

    private async Task<(string Department, string Key, string Dataset)> TicketsAsync(bool personal = false)
    {
        var (department, key) = await _seed.DepartmentAsync("pipe");
        await _seed.DatasetAsync(key, new { department, slug = "tickets", title = "Tickets", personalColumns = personal ? new[] { "plate" } : [] });
        var response = await new UploadClient(_factory, key, department, "tickets").PutTextAsync(Tickets);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (department, key, "tickets");
    }

    private static Dictionary<string, object?> Definition(
        string department, string prefix, string sql, string access = "internal", IReadOnlyDictionary<string, string>? descriptions = null)
    {
        var name = ApiSeed.Unique(prefix);
        return new Dictionary<string, object?>
        {
            ["name"] = name,
            ["department"] = department,
            ["sql"] = sql,
            ["target"] = new { dataset = name + "-out", title = "Output of " + name, access, columnDescriptions = descriptions ?? new Dictionary<string, string>() },
        };
    }
}
