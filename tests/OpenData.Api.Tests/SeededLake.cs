using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// One host seeded once over HTTP for a collection of tests: the departments transport and health, the datasets a
/// subclass publishes in them (the CSV every one of them uses is here), an analyst key, and an analyst key granted
/// transport's restricted officer notes by name.
/// </summary>
public abstract class SeededLake : IAsyncLifetime
{
    public const string TicketsV1 = "ticket_id,district,plate_number,fine\n1,huangpu,AB-123,80.00\n2,jingan,ZX-999,40.00\n3,huangpu,CD-456,120.50\n4,pudong,EF-789,60.00\n";

    public const string TicketsV2 = "ticket_id,district,plate_number,fine\n5,jingan,GH-012,80.00\n6,huangpu,IJ-345,200.00\n";

    public const string AppointmentsCsv = "appointment_id,district,patient_name\n1,huangpu,Li Wei\n2,huangpu,Wang Fang\n3,jingan,Zhang Min\n";

    public const string NotesCsv = "note_id,note\n1,confidential\n";

    /// <summary>The personal values of the tickets (plate_number), which no public answer may hold.</summary>
    public static readonly string[] Plates = ["AB-123", "ZX-999", "CD-456", "EF-789", "GH-012", "IJ-345"];

    /// <summary>The personal values of the appointments (patient_name).</summary>
    public static readonly string[] Patients = ["Li Wei", "Wang Fang", "Zhang Min"];

    public OpenDataApiFactory Factory { get; } = new();

    public string Transport { get; private set; } = "";

    public string Health { get; private set; } = "";

    public string TransportKey { get; private set; } = "";

    public string AnalystKey { get; private set; } = "";

    /// <summary>An analyst key granted transport's restricted officer notes by name.</summary>
    public string GrantedKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var seed = new ApiSeed(Factory);
        (Transport, TransportKey) = await seed.DepartmentAsync("transport");
        string healthKey;
        (Health, healthKey) = await seed.DepartmentAsync("health");
        await PublishDatasetsAsync(seed, healthKey);
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

    /// <summary>
    /// Creates the collection's datasets with <see cref="PublishAsync"/>: transport's with <see cref="TransportKey"/>,
    /// health's with <paramref name="healthKey"/>. The granted key names transport's officer-notes.
    /// </summary>
    protected abstract Task PublishDatasetsAsync(ApiSeed seed, string healthKey);

    /// <summary>Creates the dataset and uploads each version in turn, the first as new data and the rest appended.</summary>
    protected async Task PublishAsync(ApiSeed seed, string key, object dataset, params string[] versions)
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
