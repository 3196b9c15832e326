using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// One host for the CKAN and DCAT tests, seeded once over HTTP: transport's public traffic tickets (plate_number
/// personal, two versions, described in full), its public bus stops (no data, nothing but a title) and its restricted
/// officer notes; health's internal appointments (patient_name personal); an analyst key, and one granted the notes.
/// </summary>
public sealed class CkanLake : IAsyncLifetime
{
    public static readonly string[] Plates = ["AB-123", "ZX-999", "CD-456", "EF-789", "GH-012", "IJ-345"];

    public static readonly string[] Patients = ["Li Wei", "Wang Fang", "Zhang Min"];

    public OpenDataApiFactory Factory { get; } = new();

    public string Transport { get; private set; } = "";

    public string Health { get; private set; } = "";

    public string TransportKey { get; private set; } = "";

    public string AnalystKey { get; private set; } = "";

    public string GrantedKey { get; private set; } = "";

    public string Tickets => $"{Transport}--traffic-tickets";

    public async Task InitializeAsync()
    {
        var seed = new ApiSeed(Factory);
        (Transport, TransportKey) = await seed.DepartmentAsync("transport");
        string healthKey;
        (Health, healthKey) = await seed.DepartmentAsync("health");
        await PublishAsync(seed, TransportKey, new
        {
            department = Transport, slug = "traffic-tickets", title = "Traffic tickets", description = "Tickets issued by the traffic police.",
            keywords = new[] { "traffic", "fines" }, theme = "mobility", updateFrequency = "daily", access = "public",
            personalColumns = new[] { "plate_number" },
        },
            "ticket_id,district,plate_number,fine\n1,huangpu,AB-123,80.00\n2,jingan,ZX-999,40.00\n3,huangpu,CD-456,120.50\n4,pudong,EF-789,60.00\n",
            "ticket_id,district,plate_number,fine\n5,jingan,GH-012,80.00\n6,huangpu,IJ-345,200.00\n");
        await PublishAsync(seed, TransportKey, new { department = Transport, slug = "bus-stops", title = "Bus stops", licence = "ODbL-1.0", access = "public" });
        await PublishAsync(seed, TransportKey, new { department = Transport, slug = "officer-notes", title = "Officer notes", access = "restricted" },
            "note_id,note\n1,confidential\n");
        await PublishAsync(seed, healthKey, new
        {
            department = Health, slug = "appointments", title = "Appointments", keywords = new[] { "health" }, access = "internal",
            personalColumns = new[] { "patient_name" },
        },
            "appointment_id,district,patient_name\n1,huangpu,Li Wei\n2,huangpu,Wang Fang\n3,jingan,Zhang Min\n");
        AnalystKey = await seed.KeyAsync("analyst");
        using var admin = Factory.CreateAdminClient();
        var granted = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "granted analyst", role = "analyst", grants = new[] { $"{Transport}/officer-notes" } });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        GrantedKey = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>GET /api/3/action/{action} with these query parameters.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string? key, string action, params (string Name, string Value)[] parameters)
    {
        var query = string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        using var client = Factory.CreateClient(key);
        var response = await client.GetAsync($"/api/3/action/{action}{(query.Length == 0 ? "" : "?" + query)}");
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>POST /api/3/action/{action} with a JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string? key, string action, object body)
    {
        using var client = Factory.CreateClient(key);
        var response = await client.PostAsJsonAsync($"/api/3/action/{action}", body);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>The result of a successful action, after checking CKAN's envelope.</summary>
    public async Task<JsonElement> ResultAsync(string? key, string action, params (string Name, string Value)[] parameters)
    {
        var (status, body) = await GetAsync(key, action, parameters);
        Assert.True(status == HttpStatusCode.OK, body.GetRawText());
        Assert.Equal(["help", "success", "result"], body.EnumerateObject().Select(p => p.Name));
        Assert.EndsWith($"/api/3/action/help_show?name={action}", body.GetProperty("help").GetString());
        Assert.True(body.GetProperty("success").GetBoolean());
        return body.GetProperty("result");
    }

    public async Task<string> ResourceIdAsync(string? key, string package, string format)
    {
        var result = await ResultAsync(key, "package_show", ("id", package));
        return result.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("format").GetString() == format).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())).RootElement;
    }

    private async Task PublishAsync(ApiSeed seed, string key, object dataset, params string[] versions)
    {
        var created = await seed.DatasetAsync(key, dataset);
        var upload = new UploadClient(Factory, key, created.GetProperty("department").GetString()!, created.GetProperty("slug").GetString()!);
        for (var i = 0; i < versions.Length; i++)
        {
            var response = await upload.PutTextAsync(versions[i], query: i == 0 ? "" : "?mode=append");
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CkanLakeCollection : ICollectionFixture<CkanLake>
{
    public const string Name = "CKAN and DCAT lake";
}
