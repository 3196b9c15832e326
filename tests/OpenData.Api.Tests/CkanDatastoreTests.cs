using System.Net;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>datastore_search and datastore_search_sql: CKAN's shapes, its filters, and the SQL endpoint's sandbox rules.</summary>
[Collection(CkanLakeCollection.Name)]
public sealed class CkanDatastoreTests(CkanLake lake)
{
    [Fact]
    public async Task Datastore_search_answers_ckans_result_without_personal_columns_for_the_public()
    {
        var resource = await lake.ResourceIdAsync(null, lake.Tickets, "CSV");

        var result = await lake.ResultAsync(null, "datastore_search", ("resource_id", resource));

        CkanShapes.Assert(CkanShapes.DatastoreSearch, result);
        Assert.Equal(["_id int", "ticket_id int", "district text", "fine numeric"],
            result.GetProperty("fields").EnumerateArray().Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("type").GetString()}"));
        Assert.Equal(6, result.GetProperty("total").GetInt64());
        Assert.Equal(100, result.GetProperty("limit").GetInt32());
        var records = result.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6], records.Select(r => r.GetProperty("_id").GetInt64()));
        Assert.Equal(120.50m, records[2].GetProperty("fine").GetDecimal());
        Assert.DoesNotContain("plate", result.GetRawText());
        Assert.All(CkanLake.Plates, plate => Assert.DoesNotContain(plate, result.GetRawText()));
        Assert.Equal($"/api/3/action/datastore_search?resource_id={resource}", result.GetProperty("_links").GetProperty("start").GetString());
        Assert.Equal($"/api/3/action/datastore_search?resource_id={resource}&offset=100", result.GetProperty("_links").GetProperty("next").GetString());
    }

    [Fact]
    public async Task Filters_q_fields_sort_limit_and_offset_shape_the_records()
    {
        var resource = await lake.ResourceIdAsync(null, lake.Tickets, "JSON");

        var huangpu = await lake.ResultAsync(null, "datastore_search", ("resource_id", resource),
            ("filters", """{"district":"huangpu"}"""), ("fields", "ticket_id,fine"), ("sort", "fine desc"), ("limit", "2"), ("offset", "0"));
        Assert.Equal(3, huangpu.GetProperty("total").GetInt64());
        Assert.Equal(["ticket_id", "fine"], huangpu.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal([6L, 3], huangpu.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("ticket_id").GetInt64()));
        Assert.Equal("huangpu", huangpu.GetProperty("filters").GetProperty("district").GetString());

        var (status, post) = await lake.PostAsync(null, "datastore_search", new
        {
            resource_id = resource,
            filters = new { fine = new object[] { 80, "40.00" } },
            q = "jing",
            records_format = "lists",
            offset = 1,
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var result = post.GetProperty("result");
        Assert.Equal(2, result.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Array, result.GetProperty("records")[0].ValueKind);
        Assert.Equal(5, result.GetProperty("records")[0][1].GetInt64());
        Assert.Equal("/api/3/action/datastore_search?offset=101", result.GetProperty("_links").GetProperty("next").GetString());
    }

    [Fact]
    public async Task Every_format_of_a_dataset_searches_the_same_rows_and_an_analyst_sees_every_column()
    {
        var parquet = await lake.ResourceIdAsync(lake.AnalystKey, lake.Tickets, "PARQUET");

        var result = await lake.ResultAsync(lake.AnalystKey, "datastore_search", ("resource_id", parquet), ("q", """{"plate_number":"ab-1"}"""));

        Assert.Equal("AB-123", result.GetProperty("records").EnumerateArray().Single().GetProperty("plate_number").GetString());
    }

    [Fact]
    public async Task Datastore_search_refuses_what_the_dataset_does_not_have()
    {
        var resource = await lake.ResourceIdAsync(null, lake.Tickets, "CSV");

        foreach (var (name, value) in new[] { ("fields", "plate_number"), ("filters", """{"plate_number":"AB-123"}"""), ("sort", "plate_number"), ("q", """{"plate_number":"AB"}""") })
        {
            var error = CkanShapes.Error(await lake.GetAsync(null, "datastore_search", ("resource_id", resource), (name, value)), HttpStatusCode.Conflict, "Validation Error");
            Assert.Equal("field \"plate_number\" not in table", error.GetProperty(name)[0].GetString());
        }
        CkanShapes.Error(await lake.GetAsync(null, "datastore_search", ("resource_id", resource), ("filters", """{"fine":{"lt":50}}""")), HttpStatusCode.Conflict, "Validation Error");
        var missing = CkanShapes.Error(await lake.GetAsync(null, "datastore_search"), HttpStatusCode.Conflict, "Validation Error");
        Assert.Equal("Missing value", missing.GetProperty("resource_id")[0].GetString());
    }

    [Fact]
    public async Task Resources_of_datasets_the_caller_may_not_see_are_not_found()
    {
        var appointments = await lake.ResourceIdAsync(lake.AnalystKey, $"{lake.Health}--appointments", "CSV");
        var notes = await lake.ResourceIdAsync(lake.GrantedKey, $"{lake.Transport}--officer-notes", "CSV");

        foreach (var action in new[] { "datastore_search", "resource_show" })
        {
            var key = action == "datastore_search" ? "resource_id" : "id";
            CkanShapes.Error(await lake.GetAsync(null, action, (key, appointments)), HttpStatusCode.NotFound, "Not Found Error");
            CkanShapes.Error(await lake.GetAsync(lake.AnalystKey, action, (key, notes)), HttpStatusCode.NotFound, "Not Found Error");
        }
        var granted = await lake.ResultAsync(lake.GrantedKey, "datastore_search", ("resource_id", notes));
        Assert.Equal("confidential", granted.GetProperty("records")[0].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Datastore_search_sql_runs_in_the_callers_sandbox()
    {
        var resource = await lake.ResourceIdAsync(null, lake.Tickets, "CSV");

        var byId = await lake.ResultAsync(null, "datastore_search_sql", ("sql", $"SELECT district, sum(fine) AS fines FROM \"{resource}\" GROUP BY district ORDER BY district"));
        CkanShapes.Assert(CkanShapes.DatastoreSearchSql, byId);
        Assert.Equal(["district text", "fines numeric"],
            byId.GetProperty("fields").EnumerateArray().Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("type").GetString()}"));
        Assert.Equal(400.50m, byId.GetProperty("records")[0].GetProperty("fines").GetDecimal());

        var byView = await lake.ResultAsync(null, "datastore_search_sql", ("sql", $"SELECT count(*) AS n FROM \"{lake.Transport}\".\"traffic-tickets\""));
        Assert.Equal(6, byView.GetProperty("records")[0].GetProperty("n").GetInt64());

        var cut = await lake.ResultAsync(null, "datastore_search_sql", ("sql", "SELECT * FROM range(32001)"));
        Assert.True(cut.GetProperty("records_truncated").GetBoolean());
        Assert.Equal(32000, cut.GetProperty("records").GetArrayLength());
    }

    [Theory]
    [InlineData("SELECT plate_number FROM {tickets}", "Validation Error")]
    [InlineData("SELECT * FROM {appointments}", "Validation Error")]
    [InlineData("SELECT * FROM read_parquet('{data}/lake/internal/{transport}/traffic-tickets/*/*.parquet')", "Authorization Error")]
    [InlineData("COPY (SELECT 1) TO '/tmp/x.csv'", "Validation Error")]
    public async Task Datastore_search_sql_never_reaches_personal_or_hidden_data_for_the_public(string sql, string type)
    {
        var text = sql.Replace("{tickets}", $"\"{lake.Transport}\".\"traffic-tickets\"").Replace("{appointments}", $"\"{lake.Health}\".appointments")
            .Replace("{data}", lake.Factory.DataDirectory).Replace("{transport}", lake.Transport);

        var answer = await lake.GetAsync(null, "datastore_search_sql", ("sql", text));

        var error = CkanShapes.Error(answer, type == "Authorization Error" ? HttpStatusCode.Forbidden : HttpStatusCode.Conflict, type);
        Assert.All(CkanLake.Plates.Concat(CkanLake.Patients), secret => Assert.DoesNotContain(secret, error.GetRawText()));
    }

    [Fact]
    public async Task An_analyst_reads_personal_columns_through_datastore_search_sql_as_through_the_sql_endpoint()
    {
        var answer = await lake.ResultAsync(lake.AnalystKey, "datastore_search_sql",
            ("sql", $"SELECT patient_name FROM \"{lake.Health}\".appointments ORDER BY appointment_id"));

        Assert.Equal(CkanLake.Patients, answer.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("patient_name").GetString()));
    }
}
