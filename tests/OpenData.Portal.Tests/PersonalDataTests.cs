namespace OpenData.Portal.Tests;

/// <summary>No page shows a personal column, by name or by value, to the public; those who may see it do.</summary>
[Collection(PortalCollection.Name)]
public sealed class PersonalDataTests(PortalHost host)
{
    public static TheoryData<string> PublicPages => new() { "/", "/datasets", "/datasets?q=plate", "/datasets?q=traffic", "/departments", "/dataset-page", "/department-page" };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_never_shows_a_personal_column_or_its_values(string path)
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(Resolve(path));
        var html = await page.ContentAsync();
        Assert.DoesNotContain(PortalHost.PersonalColumn, html);
        Assert.All(PortalHost.Plates, plate => Assert.DoesNotContain(plate, html));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_owning_department_sees_the_personal_column_marked_and_its_values()
    {
        var page = await host.NewPageAsync(host.PublisherKey);
        await page.GotoAsync(Resolve("/dataset-page"));
        var html = await page.ContentAsync();
        Assert.Contains(PortalHost.PersonalColumn, html);
        Assert.Contains(PortalHost.Plates[0], html);
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".tag.personal")).ToHaveTextAsync("personal");
        await page.Context.CloseAsync();
    }

    private string Resolve(string path) => path switch
    {
        "/dataset-page" => $"/datasets/{host.Department}/{PortalHost.Tickets}",
        "/department-page" => $"/departments/{host.Department}",
        _ => path,
    };
}
