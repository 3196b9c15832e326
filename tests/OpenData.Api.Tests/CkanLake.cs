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
public sealed class CkanLake : SeededLake
{
    public string Tickets => $"{Transport}--traffic-tickets";

    protected override async Task PublishDatasetsAsync(ApiSeed seed, string healthKey)
    {
        await PublishAsync(seed, TransportKey, new
        {
            department = Transport, slug = "traffic-tickets", title = "Traffic tickets", description = "Tickets issued by the traffic police.",
            keywords = new[] { "traffic", "fines" }, theme = "mobility", updateFrequency = "daily", access = "public",
            personalColumns = new[] { "plate_number" },
        },
            TicketsV1, TicketsV2);
        await PublishAsync(seed, TransportKey, new { department = Transport, slug = "bus-stops", title = "Bus stops", licence = "ODbL-1.0", access = "public" });
        await PublishAsync(seed, TransportKey, new { department = Transport, slug = "officer-notes", title = "Officer notes", access = "restricted" }, NotesCsv);
        await PublishAsync(seed, healthKey, new
        {
            department = Health, slug = "appointments", title = "Appointments", keywords = new[] { "health" }, access = "internal",
            personalColumns = new[] { "patient_name" },
        },
            AppointmentsCsv);
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
}

[CollectionDefinition(Name)]
public sealed class CkanLakeCollection : ICollectionFixture<CkanLake>
{
    public const string Name = "CKAN and DCAT lake";
}
