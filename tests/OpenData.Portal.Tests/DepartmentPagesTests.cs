using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace OpenData.Portal.Tests;

/// <summary>A department's pages: its datasets for everyone; creating and editing datasets, its pipelines and their
/// state, for its publishers.</summary>
[Collection(PortalCollection.Name)]
public sealed class DepartmentPagesTests(PortalHost host)
{
    [Fact]
    public async Task A_publisher_creates_a_dataset_with_the_form_and_edits_it()
    {
        var slug = Api.Tests.ApiSeed.Unique("air");
        var page = await host.NewPageAsync(host.PublisherKey);
        await page.GotoAsync($"/departments/{host.Department}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a dataset" }).ClickAsync();
        await page.GetByLabel("Short name (in its address)").FillAsync(slug);
        await page.GetByLabel("Title").FillAsync("Air quality");
        await page.GetByLabel("Description").FillAsync("Hourly readings of the city's air stations.");
        await page.GetByLabel("Keywords").FillAsync("air, pollution");
        await page.GetByLabel("Access level").SelectOptionAsync("Public");
        await page.GetByLabel("Personal columns").FillAsync("station_keeper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the dataset" }).ClickAsync();

        await page.WaitForURLAsync($"**/datasets/{host.Department}/{slug}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Air quality", Level = 1 })).ToBeVisibleAsync();
        using var api = host.CreateClient(host.PublisherKey);
        var created = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/datasets/{host.Department}/{slug}");
        Assert.Equal("public", created.GetProperty("dataset").GetProperty("access").GetString());
        Assert.Equal(["air", "pollution"], created.GetProperty("dataset").GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the description" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Keywords")).ToHaveValueAsync("air, pollution");
        await page.GetByLabel("Title").FillAsync("Air quality, hourly");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Air quality, hourly", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_form_shows_the_apis_reason_and_keeps_what_was_typed()
    {
        var page = await host.NewPageAsync(host.PublisherKey);
        await page.GotoAsync($"/departments/{host.Department}/datasets/new");
        await page.GetByLabel("Short name (in its address)").FillAsync(PortalHost.Tickets);
        await page.GetByLabel("Title").FillAsync("A second traffic tickets");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the dataset" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(PortalHost.Tickets);
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("A second traffic tickets");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_department_page_shows_its_pipelines_with_their_state_and_lineage_links_the_datasets()
    {
        var name = Api.Tests.ApiSeed.Unique("fines");
        using var api = host.CreateClient(host.PublisherKey);
        var created = await api.PostAsJsonAsync("/api/v1/pipelines", new
        {
            name,
            department = host.Department,
            sql = $"SELECT district, sum(fine_yuan) AS fines FROM \"{host.Department}\".\"{PortalHost.Tickets}\" GROUP BY ALL",
            target = new { dataset = name, title = "Fines per district", access = "internal" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/pipelines/{name}/runs", null)).StatusCode);
        await WaitForRunAsync(api, name);

        var page = await host.NewPageAsync(host.PublisherKey);
        await page.GotoAsync($"/departments/{host.Department}");
        await Assertions.Expect(page.Locator("section[aria-labelledby='pipelines-heading'] tbody tr").Filter(new() { HasText = name })).ToContainTextAsync("succeeded");

        await page.GotoAsync($"/datasets/{host.Department}/{name}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"{host.Department}/{PortalHost.Tickets}" })).ToBeVisibleAsync();
        await page.GotoAsync($"/datasets/{host.Department}/{PortalHost.Tickets}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"{host.Department}/{name}" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_public_sees_no_publishing_controls_and_a_missing_page_is_a_readable_404()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"/departments/{host.Department}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Traffic tickets" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create a dataset" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#pipelines-heading")).ToHaveCountAsync(0);

        var missing = await page.GotoAsync($"/datasets/{host.Department}/no-such-dataset");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task WaitForRunAsync(HttpClient api, string pipeline)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var runs = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/pipelines/{pipeline}/runs");
            if (runs.EnumerateArray().FirstOrDefault() is { ValueKind: System.Text.Json.JsonValueKind.Object } run && run.GetProperty("status").GetString() != "running")
            {
                Assert.Equal("succeeded", run.GetProperty("status").GetString());
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Pipeline {pipeline} did not finish within 10 s.");
    }
}
