using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using OpenData.DuckDB;

namespace OpenData.Api.Tests;

/// <summary>PUT …/data and GET …/rejects through the real host, its catalog and its lake.</summary>
public class DatasetDataApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private const string Fines = "id,issued,fine\n1,2024-01-01,10.5\n2,2024-01-02,20.5\n3,2024-01-03,30.5\n";

    private readonly ApiSeed _seed = new(factory);

    [Fact]
    public async Task UploadData_commits_a_raw_csv_as_version_1_and_answers_201_with_its_summary()
    {
        var upload = await DatasetAsync();

        var response = await upload.PutTextAsync(Fines);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{upload.VersionsPath}/1", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(3, body.GetProperty("rows").GetInt64());
        Assert.Equal(0, body.GetProperty("rejectedRows").GetInt64());
        Assert.Equal(Encoding.UTF8.GetByteCount(Fines), body.GetProperty("uploadedBytes").GetInt64());
        Assert.True(body.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal("csv", body.GetProperty("source").GetProperty("format").GetString());
        Assert.Equal(["id", "issued", "fine"], UploadClient.Names(body.GetProperty("schema")));
        Assert.Equal(0, body.GetProperty("schemaChanges").GetProperty("added").GetArrayLength());

        var version = await upload.VersionAsync(1);
        Assert.Equal(3, version.GetProperty("rowCount").GetInt64());
        Assert.Equal("DATE", version.GetProperty("schema")[1].GetProperty("type").GetString());
        Assert.Equal(61.5m, Convert.ToDecimal(await upload.QueryAsync(1, "SELECT sum(fine) FROM v")));
    }

    [Fact]
    public async Task UploadData_reads_the_file_field_of_a_multipart_form_and_its_format_from_the_file_name()
    {
        var upload = await DatasetAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Fines));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(new StringContent("ignored"), "note");
        form.Add(file, "file", "fines.csv");

        var response = await upload.PutAsync(form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("rows").GetInt64());
        Assert.Equal("fines.csv", body.GetProperty("source").GetProperty("fileName").GetString());
    }

    [Theory]
    [InlineData("application/json", "", "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]")]
    [InlineData("application/x-ndjson", "", "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b\"}\n")]
    [InlineData("text/plain", "?format=ndjson", "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b\"}\n")]
    [InlineData("text/tab-separated-values", "", "id\tname\n1\ta\n2\tb\n")]
    public async Task UploadData_reads_json_ndjson_and_tsv_by_content_type_or_parameter(string contentType, string query, string text)
    {
        var upload = await DatasetAsync();

        var response = await upload.PutTextAsync(text, contentType, query);

        Assert.True(HttpStatusCode.Created == response.StatusCode, await response.Content.ReadAsStringAsync());
        var version = await upload.VersionAsync(1);
        Assert.Equal(2, version.GetProperty("rowCount").GetInt64());
        Assert.Equal(["id", "name"], UploadClient.Names(version.GetProperty("schema")));
        Assert.Equal("b", await upload.QueryAsync(1, "SELECT name FROM v WHERE id = 2"));
    }

    [Fact]
    public async Task UploadData_takes_the_format_parameter_for_a_body_without_content_type()
    {
        var upload = await DatasetAsync();

        var response = await upload.PutAsync(new ByteArrayContent(Encoding.UTF8.GetBytes(Fines)), "?format=csv");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task UploadData_keeps_the_types_of_a_parquet_file()
    {
        var upload = await DatasetAsync();
        var path = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.parquet");
        using (var connection = new DuckDBConnection())
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT i AS id, i * 1.25 AS amount, DATE '2024-01-01' + CAST(i AS INTEGER) AS day FROM range(1, 101) t(i)) TO '{path}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
        try
        {
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.apache.parquet");

            var response = await upload.PutAsync(content);

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var version = await upload.VersionAsync(1);
            Assert.Equal(100, version.GetProperty("rowCount").GetInt64());
            Assert.Equal(["BIGINT", "DECIMAL(22,2)", "DATE"],
                version.GetProperty("schema").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UploadData_publishes_every_row_of_the_shared_seattle_weather_file()
    {
        var upload = await DatasetAsync();
        var file = Path.Combine(SharedDataFolder(), "seattle-weather.csv");
        var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await upload.PutAsync(content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var version = await upload.VersionAsync(1);
        Assert.Equal(ProvenanceRows("seattle-weather.csv"), version.GetProperty("rowCount").GetInt64());
        // The checks of PROVENANCE.md: 641 rows with weather `rain`; dates 2012-01-01 to 2015-12-31.
        Assert.Equal(641L, Convert.ToInt64(await upload.QueryAsync(1, "SELECT count(*) FROM v WHERE weather = 'rain'")));
        Assert.Equal("2012-01-01 2015-12-31", await upload.QueryAsync(1, "SELECT min(date)::VARCHAR || ' ' || max(date)::VARCHAR FROM v"));
    }

    [Fact]
    public async Task UploadData_refuses_a_file_with_rejects_with_422_and_the_exact_report_and_commits_nothing()
    {
        var upload = await DatasetAsync();

        var response = await upload.PutTextAsync(FinesWithOneBadValue());

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, problem.GetProperty("rejectedRows").GetInt64());
        var reject = Assert.Single(problem.GetProperty("rejects").EnumerateArray());
        Assert.Equal(8, reject.GetProperty("line").GetInt64());
        Assert.Equal("fine", reject.GetProperty("column").GetString());
        Assert.Equal("twelve", reject.GetProperty("value").GetString());
        Assert.False(string.IsNullOrWhiteSpace(reject.GetProperty("reason").GetString()));
        Assert.Empty(await upload.VersionNumbersAsync());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "staging", "uploads")));
    }

    [Fact]
    public async Task UploadData_leaves_out_allowed_rejects_and_serves_them_as_csv()
    {
        var upload = await DatasetAsync();

        var response = await upload.PutTextAsync(FinesWithOneBadValue(), query: "?maxRejectedRows=1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(19, body.GetProperty("rows").GetInt64());
        Assert.Equal(1, body.GetProperty("rejectedRows").GetInt64());
        using var client = factory.CreateClient(upload.Key);
        var rejects = await client.GetAsync($"{upload.VersionsPath}/1/rejects");
        Assert.Equal(HttpStatusCode.OK, rejects.StatusCode);
        Assert.Equal("text/csv", rejects.Content.Headers.ContentType?.MediaType);
        var lines = (await rejects.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("line,column,value,reason", lines[0]);
        Assert.StartsWith("8,fine,twelve,", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task GetRejects_answers_404_problems_for_a_version_without_rejects_or_unknown()
    {
        var upload = await DatasetAsync();
        await upload.PutTextAsync(Fines);
        using var client = factory.CreateClient(upload.Key);

        await ProblemAssert.IsProblem(await client.GetAsync($"{upload.VersionsPath}/1/rejects"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await client.GetAsync($"{upload.VersionsPath}/7/rejects"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UploadData_answers_200_with_the_current_version_when_the_same_file_comes_again()
    {
        var upload = await DatasetAsync();
        Assert.Equal(HttpStatusCode.Created, (await upload.PutTextAsync(Fines)).StatusCode);

        var again = await upload.PutTextAsync(Fines, query: "?mode=append");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(3, body.GetProperty("versionRows").GetInt64());
        Assert.Equal(new[] { 1 }, await upload.VersionNumbersAsync());
    }

    [Fact]
    public async Task UploadData_appends_replaces_and_upserts_by_primary_key()
    {
        var upload = await DatasetAsync(primaryKey: ["id"]);
        await upload.PutTextAsync("id,amount\n1,10\n2,20\n3,30\n");

        var appended = await upload.PutTextAsync("id,amount\n4,40\n5,50\n", query: "?mode=append");
        var upserted = await upload.PutTextAsync("id,amount\n3,300\n6,60\n", query: "?mode=upsert");
        var replaced = await upload.PutTextAsync("id,amount,note\n7,70,x\n", query: "?mode=replace");

        Assert.Equal(HttpStatusCode.Created, appended.StatusCode);
        Assert.Equal(HttpStatusCode.Created, upserted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        Assert.Equal(5, (await appended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionRows").GetInt64());
        Assert.Equal(6L, Convert.ToInt64(await upload.QueryAsync(3, "SELECT count(*) FROM v")));
        Assert.Equal(300L, Convert.ToInt64(await upload.QueryAsync(3, "SELECT amount FROM v WHERE id = 3")));
        var replace = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, replace.GetProperty("versionRows").GetInt64());
        Assert.Equal(["note"], UploadClient.Names(replace.GetProperty("schemaChanges").GetProperty("added")));
        Assert.Equal(new[] { 4, 3, 2, 1 }, await upload.VersionNumbersAsync());
        Assert.Equal(5L, Convert.ToInt64(await upload.QueryAsync(2, "SELECT count(*) FROM v")));
    }

    [Fact]
    public async Task UploadData_reads_an_append_against_the_current_columns_so_misfits_are_rejects()
    {
        var upload = await DatasetAsync();
        await upload.PutTextAsync(Fines);

        var response = await upload.PutTextAsync("id,issued,fine\n4,2024-01-04,40.5\n5,not a date,50.5\n", query: "?mode=append");

        var reject = Assert.Single((await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity)).GetProperty("rejects").EnumerateArray());
        Assert.Equal((3L, "issued", "not a date"),
            (reject.GetProperty("line").GetInt64(), reject.GetProperty("column").GetString(), reject.GetProperty("value").GetString()));
        Assert.Equal(new[] { 1 }, await upload.VersionNumbersAsync());
    }

    [Fact]
    public async Task UploadData_records_retyped_and_removed_columns_against_the_previous_version()
    {
        var upload = await DatasetAsync();
        await upload.PutTextAsync("id,amount,note\n1,10,a\n");

        var response = await upload.PutTextAsync("id,amount\n1,ten\n");

        var changes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("schemaChanges");
        Assert.Equal(["note"], UploadClient.Names(changes.GetProperty("removed")));
        var retyped = Assert.Single(changes.GetProperty("retyped").EnumerateArray());
        Assert.Equal(("amount", "BIGINT", "VARCHAR"),
            (retyped.GetProperty("name").GetString(), retyped.GetProperty("from").GetString(), retyped.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task UploadData_refuses_a_publisher_of_another_department_with_403()
    {
        var upload = await DatasetAsync();
        var (_, otherKey) = await _seed.DepartmentAsync("other");
        using var other = factory.CreateClient(otherKey);

        var response = await other.PutAsync(upload.DataPath, UploadClient.Text(Fines, "text/csv"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        Assert.Empty(await upload.VersionNumbersAsync());
    }

    [Theory]
    [InlineData("text/csv", "?format=pdf")]
    [InlineData("application/octet-stream", "")]
    public async Task UploadData_answers_415_when_no_format_fits(string contentType, string query)
    {
        var upload = await DatasetAsync();

        var response = await upload.PutTextAsync(Fines, contentType, query);

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task UploadData_answers_400_for_a_bad_parameter()
    {
        var upload = await DatasetAsync();

        var response = await upload.PutTextAsync(Fines, query: "?mode=merge");

        Assert.Contains("mode", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task UploadData_answers_413_naming_the_limit_for_a_body_past_it()
    {
        using var small = factory.WithWebHostBuilder(builder => builder.UseSetting("Uploads:MaxUploadBytes", "1000"));
        var upload = await DatasetAsync();
        using var client = small.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", upload.Key);

        var response = await client.PutAsync(upload.DataPath, UploadClient.Text("id\n" + string.Concat(Enumerable.Repeat("12345\n", 500)), "text/csv"));

        Assert.Contains("1,000 bytes", await ProblemAssert.Detail(response, HttpStatusCode.RequestEntityTooLarge));
        Assert.Empty(await upload.VersionNumbersAsync());
    }

    [Fact]
    public async Task UploadData_leaves_the_previous_version_intact_when_an_upload_is_refused()
    {
        var upload = await DatasetAsync();
        await upload.PutTextAsync(Fines);
        var before = await upload.VersionAsync(1);

        var refused = await upload.PutTextAsync(FinesWithOneBadValue());

        await ProblemAssert.IsProblem(refused, HttpStatusCode.UnprocessableEntity);
        using var client = factory.CreateClient(upload.Key);
        var dataset = await client.GetFromJsonAsync<JsonElement>(upload.VersionsPath.Replace("/versions", ""));
        Assert.Equal(1, dataset.GetProperty("currentVersion").GetProperty("number").GetInt32());
        Assert.Equal(before.GetRawText(), (await upload.VersionAsync(1)).GetRawText());
        Assert.Equal(61.5m, Convert.ToDecimal(await upload.QueryAsync(1, "SELECT sum(fine) FROM v")));
    }

    /// <summary>20 rows whose line 8 has a fine that is not a number.</summary>
    [Fact]
    public async Task UploadData_of_files_longer_than_the_type_sample_commits_clean_ones_and_reports_a_late_misfit()
    {
        var upload = await DatasetAsync();

        var created = await upload.PutAsync(new GeneratedCsvContent(150_000));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(150_000, body.GetProperty("rows").GetInt64());
        Assert.Equal(["BIGINT", "VARCHAR", "DECIMAL(18,2)"],
            body.GetProperty("schema").EnumerateArray().Select(c => c.GetProperty("type").GetString()));

        var appended = await upload.PutAsync(new GeneratedCsvContent(120_000), "?mode=append");
        var appendBody = await appended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(120_000, appendBody.GetProperty("rows").GetInt64());
        Assert.Equal(270_000, appendBody.GetProperty("versionRows").GetInt64());
        Assert.Equal(GeneratedCsvContent.IdSum(150_000) + GeneratedCsvContent.IdSum(120_000),
            Convert.ToInt64(await upload.QueryAsync(2, "SELECT CAST(sum(id) AS BIGINT) FROM v")));

        // Past the rows the types are chosen from, so only the check while writing finds it; the report is exact.
        var lines = Enumerable.Range(1, 120_000).Select(i => $"{i},district-{i % 37},{i % 500}.50").ToArray();
        lines[^3] = $"{lines.Length - 2},district-1,a lot";
        var refused = await upload.PutTextAsync("id,district,fine\n" + string.Join("\n", lines) + "\n", query: "?mode=append");

        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.UnprocessableEntity);
        var reject = Assert.Single(problem.GetProperty("rejects").EnumerateArray());
        Assert.Equal(lines.Length - 1, reject.GetProperty("line").GetInt64()); // line 1 is the header
        Assert.Equal("a lot", reject.GetProperty("value").GetString());
        var versions = await upload.VersionNumbersAsync();
        Assert.Equal([2, 1], versions);
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.Combine(factory.DataDirectory, "staging")),
            folder => Path.GetFileName(folder) is not ("uploads" or "duckdb" or "pipelines"));
    }

    [Fact]
    public async Task UploadData_records_each_upload_in_the_audit_log_with_its_outcome()
    {
        var upload = await DatasetAsync();
        await upload.PutTextAsync(Fines);
        await upload.PutTextAsync(FinesWithOneBadValue());

        using var admin = factory.CreateAdminClient();
        var dataset = upload.DataPath["/api/v1/datasets/".Length..^"/data".Length];
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=upload&dataset={dataset}");
        var entries = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([422, 201], entries.Select(e => e.GetProperty("status").GetInt32()));
        Assert.Equal(3, entries[1].GetProperty("rows").GetInt64());
        Assert.Equal(Encoding.UTF8.GetByteCount(Fines), entries[1].GetProperty("bytes").GetInt64());
        Assert.Contains("do not fit", entries[0].GetProperty("error").GetString());
        Assert.All(entries, e => Assert.Equal("publisher", e.GetProperty("role").GetString()));
    }

    private static string FinesWithOneBadValue()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"{i},2024-01-{i:00},{i}.5").ToList();
        lines[6] = "7,2024-01-07,twelve";
        return "id,issued,fine\n" + string.Join("\n", lines) + "\n";
    }

    private async Task<UploadClient> DatasetAsync(string[]? primaryKey = null)
    {
        var (department, key) = await _seed.DepartmentAsync();
        var slug = ApiSeed.Unique("ds");
        await _seed.DatasetAsync(key, new { department, slug, title = "Uploads", primaryKey = primaryKey ?? [] });
        return new UploadClient(factory, key, department, slug);
    }

    private static string SharedDataFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Data.sln")))
        {
            folder = folder.Parent;
        }
        return Path.GetFullPath(Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Data.sln not found"), "..", "shared", "data"));
    }

    /// <summary>The row count PROVENANCE.md gives for a file, e.g. "1,461 × 6".</summary>
    private static long ProvenanceRows(string file)
    {
        var provenance = File.ReadAllText(Path.Combine(SharedDataFolder(), "PROVENANCE.md"));
        var match = Regex.Match(provenance, $@"^\|\s*{Regex.Escape(file)}\s*\|.*?\|\s*([\d,]+)\s*×", RegexOptions.Multiline);
        Assert.True(match.Success, $"{file} has no row count in PROVENANCE.md");
        return long.Parse(match.Groups[1].Value.Replace(",", ""));
    }
}
