using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace OpenData.Api.Tests;

public class AuditLogTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private AuditLog Audit => factory.Services.GetRequiredService<AuditLog>();

    [Fact]
    public async Task Recorded_entries_come_back_through_the_api_newest_first_with_every_field()
    {
        var key = ApiSeed.Unique("key");
        var caller = new Caller(ApiKeyRole.Analyst, null, $"statistics [{key}]") { KeyId = key, KeyName = "statistics" };
        await Audit.RecordAsync(AuditEntry.For(caller, AuditAction.Query) with
        {
            Time = Noon,
            Datasets = ["transport/tickets", "health/visits"],
            Rows = 16,
            Bytes = 2048,
            DurationMs = 87,
            Status = 200,
            Detail = "SELECT district, count(*) FROM transport.tickets GROUP BY ALL",
        }, CancellationToken.None);
        await Audit.RecordAsync(AuditEntry.For(caller, AuditAction.Download) with
        {
            Time = Noon.AddMinutes(1), Datasets = ["transport/tickets"], DurationMs = 3, Status = 404, Error = "not found",
        }, CancellationToken.None);

        var items = await ReadAsync($"/api/v1/audit?key={key}");

        Assert.Equal(["download", "query"], items.Select(item => item.GetProperty("action").GetString()));
        var query = items[1];
        Assert.Equal(Noon, query.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(key, query.GetProperty("keyId").GetString());
        Assert.Equal("statistics", query.GetProperty("keyName").GetString());
        Assert.Equal("analyst", query.GetProperty("role").GetString());
        Assert.Equal(["transport/tickets", "health/visits"], query.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(16, query.GetProperty("rows").GetInt64());
        Assert.Equal(2048, query.GetProperty("bytes").GetInt64());
        Assert.Equal(87, query.GetProperty("durationMs").GetInt64());
        Assert.Equal(200, query.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, query.GetProperty("error").ValueKind);
        Assert.StartsWith("SELECT district", query.GetProperty("detail").GetString());
        Assert.Equal("not found", items[0].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("rows").ValueKind);
    }

    [Fact]
    public async Task Filters_by_time_key_action_and_dataset_hold_together()
    {
        var key = ApiSeed.Unique("key");
        var other = ApiSeed.Unique("other");
        var caller = new Caller(ApiKeyRole.Publisher, "transport", "p") { KeyId = key, KeyName = "p" };
        for (var minute = 0; minute < 4; minute++)
        {
            var action = minute % 2 == 0 ? AuditAction.Upload : AuditAction.Download;
            await Audit.RecordAsync(AuditEntry.For(caller, action) with
            {
                Time = Noon.AddMinutes(minute), Datasets = [$"transport/d{minute}"], Status = 201,
            }, CancellationToken.None);
        }
        await Audit.RecordAsync(new AuditEntry { Action = AuditAction.Upload, KeyId = other, Time = Noon, Status = 201 }, CancellationToken.None);
        var from = Uri.EscapeDataString(Noon.AddMinutes(1).ToString("O"));
        var to = Uri.EscapeDataString(Noon.AddMinutes(3).ToString("O"));

        Assert.Equal(4, (await ReadAsync($"/api/v1/audit?key={key}")).Count);
        Assert.Equal(["transport/d2", "transport/d1"], Datasets(await ReadAsync($"/api/v1/audit?key={key}&from={from}&to={to}")));
        Assert.Equal(["transport/d2", "transport/d0"], Datasets(await ReadAsync($"/api/v1/audit?key={key}&action=UPLOAD")));
        Assert.Equal(["transport/d3"], Datasets(await ReadAsync($"/api/v1/audit?key={key}&dataset=transport/d3")));
        Assert.Equal(other, (await ReadAsync($"/api/v1/audit?key={other}")).Single().GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task Pages_follow_the_before_cursor_until_no_entry_is_left()
    {
        var key = ApiSeed.Unique("key");
        for (var second = 0; second < 5; second++)
        {
            await Audit.RecordAsync(new AuditEntry
            {
                Action = AuditAction.Query, KeyId = key, Time = Noon.AddSeconds(second), Detail = $"q{second}", Status = 200,
            }, CancellationToken.None);
        }
        using var admin = factory.CreateAdminClient();

        var details = new List<string>();
        var url = $"/api/v1/audit?key={key}&limit=2";
        var pages = 0;
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(url);
            pages++;
            details.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("detail").GetString()!));
            if (page.GetProperty("nextBefore").ValueKind == JsonValueKind.Null)
            {
                break;
            }
            url = $"/api/v1/audit?key={key}&limit=2&before={page.GetProperty("nextBefore").GetInt64()}";
        }

        Assert.Equal(["q4", "q3", "q2", "q1", "q0"], details);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task An_entry_without_a_time_gets_the_current_one_and_long_texts_are_cut()
    {
        var key = ApiSeed.Unique("key");
        var before = DateTimeOffset.UtcNow;

        await Audit.RecordAsync(new AuditEntry
        {
            Action = AuditAction.Query, KeyId = key, Status = 400, Error = new string('e', 10_000), Detail = new string('d', 10_000),
        }, new CancellationToken(canceled: true));

        var entry = (await ReadAsync($"/api/v1/audit?key={key}")).Single();
        Assert.InRange(entry.GetProperty("time").GetDateTimeOffset(), before, DateTimeOffset.UtcNow);
        Assert.Equal(AuditLog.MaxErrorLength, entry.GetProperty("error").GetString()!.Length);
        Assert.Equal(AuditLog.MaxDetailLength, entry.GetProperty("detail").GetString()!.Length);
    }

    [Fact]
    public async Task ReadAudit_is_for_admins_and_checks_its_parameters()
    {
        var analystKey = await new ApiSeed(factory).KeyAsync("analyst");
        using var analyst = factory.CreateClient(analystKey);
        using var anonymous = factory.CreateClient();
        using var admin = factory.CreateAdminClient();

        await ProblemAssert.IsProblem(await analyst.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
        Assert.Contains("limit", await ProblemAssert.Detail(await admin.GetAsync("/api/v1/audit?limit=100000"), HttpStatusCode.BadRequest));
        Assert.Contains("action", await ProblemAssert.Detail(await admin.GetAsync("/api/v1/audit?action=delete"), HttpStatusCode.BadRequest));
        Assert.Contains("to", await ProblemAssert.Detail(
            await admin.GetAsync("/api/v1/audit?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z"), HttpStatusCode.BadRequest));
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        Assert.Equal(new AuditOptions().DefaultPageSize, page.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task The_log_is_append_only()
    {
        await Audit.RecordAsync(new AuditEntry { Action = AuditAction.Upload, Status = 201 }, CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, AuditStore.FileName)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();

        foreach (var change in new[] { "UPDATE audit_entries SET status = 500;", "DELETE FROM audit_entries;" })
        {
            command.CommandText = change;
            var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.Message);
        }
    }

    [Fact]
    public async Task RecordAsync_never_throws_when_the_store_fails_and_logs_a_warning()
    {
        using var host = new OpenDataApiFactory();
        var audit = host.Services.GetRequiredService<AuditLog>();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, AuditStore.FileName)};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE audit_entries;";
            await command.ExecuteNonQueryAsync();
        }

        await audit.RecordAsync(new AuditEntry { Action = AuditAction.Download, KeyId = "k1", Status = 200 }, CancellationToken.None);

        Assert.Contains(host.Logs, message => message.Contains("Could not record the audit entry") && message.Contains("k1"));
    }

    private async Task<List<JsonElement>> ReadAsync(string url)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
    }

    private static string[] Datasets(List<JsonElement> items) =>
        items.Select(item => item.GetProperty("datasets")[0].GetString()!).ToArray();
}
