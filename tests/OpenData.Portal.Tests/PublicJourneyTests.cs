using Microsoft.Playwright;

namespace OpenData.Portal.Tests;

/// <summary>A member of the public finds a dataset and downloads it, with and without JavaScript.</summary>
[Collection(PortalCollection.Name)]
public sealed class PublicJourneyTests(PortalHost host)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_public_searches_opens_a_dataset_and_downloads_its_csv(bool javaScriptEnabled)
    {
        var page = await host.NewPageAsync(javaScriptEnabled: javaScriptEnabled);
        await page.GotoAsync("/");
        await page.GetByLabel("Search datasets").FillAsync("traffic tickets");
        await page.GetByLabel("Search datasets").PressAsync("Enter");
        await page.WaitForURLAsync("**/datasets?q=*");

        await page.GetByRole(AriaRole.Link, new() { Name = "Traffic tickets" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Traffic tickets", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Huangpu" })).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var saved = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(saved);
        using var client = host.CreateClient();
        Assert.Equal(await client.GetByteArrayAsync($"/data/{host.Department}/{PortalHost.Tickets}.csv"), bytes);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("ticket_id,issued_at,district,fine_yuan\r\n", text);
        Assert.Contains("Huangpu", text);
        Assert.DoesNotContain(PortalHost.Plates[0], text);
        Assert.Equal($"{PortalHost.Tickets}-v1.csv", download.SuggestedFilename);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Facets_narrow_the_results_without_javascript_and_keep_the_search()
    {
        await host.Seed.DatasetAsync(host.PublisherKey, new { department = host.Department, slug = "road-works", title = "Road works", access = "public", theme = "transport" });
        var page = await host.NewPageAsync(javaScriptEnabled: false);
        await page.GotoAsync("/datasets?theme=transport&sort=name");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Road works" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "fines" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync("**keyword=fines*");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Traffic tickets" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Road works" })).ToHaveCountAsync(0);
        Assert.Contains("sort=name", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dataset_page_embeds_schema_org_json_ld_without_the_personal_column()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"/datasets/{host.Department}/{PortalHost.Tickets}");
        var jsonLd = await page.Locator("script[type='application/ld+json']").TextContentAsync();
        using var json = System.Text.Json.JsonDocument.Parse(jsonLd!);
        Assert.Equal("Dataset", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Traffic tickets", json.RootElement.GetProperty("name").GetString());
        Assert.DoesNotContain(PortalHost.PersonalColumn, jsonLd);
        await page.Context.CloseAsync();
    }
}
