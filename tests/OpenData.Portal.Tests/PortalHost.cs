using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using OpenData.Api.Portal;
using OpenData.Api.Tests;

namespace OpenData.Portal.Tests;

/// <summary>
/// The real host on a real port (Kestrel) for a real browser, seeded through the HTTP API: a transport department
/// with its publisher key, an analyst key, and the public dataset <see cref="Tickets"/> whose column
/// <see cref="PersonalColumn"/> is personal (values <see cref="Plates"/>), with one uploaded version. Shared by every
/// portal test class through <see cref="PortalCollection"/>; tests that change data make their own datasets.
/// </summary>
public sealed class PortalHost : IAsyncLifetime
{
    public const string Tickets = "traffic-tickets";

    public const string PersonalColumn = "plate_number";

    public static readonly string[] Plates = ["沪A12345", "沪B67890", "沪C24680", "沪D13579"];

    /// <summary>The CSV of version 1 of <see cref="Tickets"/>.</summary>
    public static readonly string TicketsCsv = string.Join('\n',
        "ticket_id,issued_at,district,fine_yuan,plate_number",
        $"1,2024-03-01 08:15:00,Huangpu,200.00,{Plates[0]}",
        $"2,2024-03-01 09:40:00,Xuhui,150.00,{Plates[1]}",
        $"3,2024-03-02 17:05:00,Pudong,500.00,{Plates[2]}",
        $"4,2024-03-03 11:30:00,Jing'an,100.00,{Plates[3]}") + "\n";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public OpenDataApiFactory Api { get; } = new();

    public Uri Address { get; } = new($"http://127.0.0.1:{FreePort()}");

    public ApiSeed Seed => new(Api);

    public string Department { get; private set; } = "";

    public string PublisherKey { get; private set; } = "";

    public string AnalystKey { get; private set; } = "";

    public string AdminKey => OpenDataApiFactory.TestAdminKey;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser starts in InitializeAsync.");

    public async Task InitializeAsync()
    {
        Api.UseKestrel(Address.Port);
        Api.StartServer();
        (Department, PublisherKey) = await Seed.DepartmentAsync("transport");
        AnalystKey = await Seed.KeyAsync("analyst");
        await Seed.DatasetAsync(PublisherKey, new
        {
            department = Department,
            slug = Tickets,
            title = "Traffic tickets",
            description = "Every traffic ticket issued by the city's officers, with the fine and where it was issued.",
            keywords = new[] { "traffic", "fines" },
            theme = "transport",
            licence = "CC-BY-4.0",
            access = "public",
            updateFrequency = "daily",
            personalColumns = new[] { PersonalColumn },
            contract = new object[]
            {
                new { name = "ticket_id", type = "BIGINT", nullable = false, description = "The ticket's number" },
                new { name = "issued_at", type = "TIMESTAMP", description = "When the ticket was issued" },
                new { name = "district", type = "VARCHAR", description = "The district where it was issued" },
                new { name = "fine_yuan", type = "DECIMAL(10,2)", description = "The fine in yuan" },
                new { name = PersonalColumn, type = "VARCHAR", description = "The vehicle's plate" },
            },
            checks = new object[] { new { kind = "notNull", column = "ticket_id" } },
        });
        await UploadAsync(Tickets, TicketsCsv);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium: Playwright's own browser download cannot work here. The flags keep it off the
            // network, which this machine closes (see docs/portal.md).
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>A plain HTTP client for the host; with a key, as a Bearer API client.</summary>
    public HttpClient CreateClient(string? key = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    /// <summary>A fresh browser context (no cookies) and page; with a key, signed in as the portal's cookie would be.</summary>
    public async Task<IPage> NewPageAsync(string? key = null, bool javaScriptEnabled = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            AcceptDownloads = true,
        });
        if (key is not null)
        {
            await context.AddCookiesAsync(
            [
                new Microsoft.Playwright.Cookie { Name = SignInCookie.Name, Value = key, Domain = Address.Host, Path = "/", HttpOnly = true, SameSite = SameSiteAttribute.Strict },
            ]);
        }
        return await context.NewPageAsync();
    }

    /// <summary>Replaces a dataset of <see cref="Department"/> with a CSV, through the API as its publisher.</summary>
    public async Task UploadAsync(string dataset, string csv)
    {
        using var client = CreateClient(PublisherKey);
        using var content = new StringContent(csv, new UTF8Encoding(false), new MediaTypeHeaderValue("text/csv"));
        var response = await client.PutAsync($"/api/v1/datasets/{Department}/{dataset}/data", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a public dataset of <see cref="Department"/> with the given slug and title (no data yet).</summary>
    public Task CreateDatasetAsync(string slug, string title) =>
        Seed.DatasetAsync(PublisherKey, new { department = Department, slug, title, access = "public", licence = "CC-BY-4.0" });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
