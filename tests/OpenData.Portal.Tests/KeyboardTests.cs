using Microsoft.Playwright;

namespace OpenData.Portal.Tests;

/// <summary>The main actions are reached and used with the keyboard alone, with the focus always visible.</summary>
[Collection(PortalCollection.Name)]
public sealed class KeyboardTests(PortalHost host)
{
    [Fact]
    public async Task The_keyboard_searches_from_the_home_page()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await TabUntilFocusedAsync(page, page.GetByLabel("Search datasets"));
        await page.Keyboard.TypeAsync("traffic");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/datasets?q=traffic", new() { WaitUntil = WaitUntilState.Commit });
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Traffic tickets" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Traffic tickets", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_keyboard_reaches_the_download_and_the_copy_buttons_and_the_focus_is_visible()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"/datasets/{host.Department}/{PortalHost.Tickets}");
        var csv = page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" });
        await TabUntilFocusedAsync(page, csv);
        var outline = await csv.EvaluateAsync<string>("element => getComputedStyle(element).outlineStyle");
        Assert.NotEqual("none", outline);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal($"{PortalHost.Tickets}-v1.csv", download.SuggestedFilename);
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Copy the curl command" }));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_keyboard_reaches_the_upload_form_of_a_publisher()
    {
        var page = await host.NewPageAsync(host.PublisherKey);
        await page.GotoAsync($"/departments/{host.Department}");
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Upload to Traffic tickets" }));
        await page.Keyboard.PressAsync("Enter");
        // The address is enough: the form's label is waited for next. A page's load event can lag far behind on a
        // loaded CI machine while other tests keep the cores busy.
        await page.WaitForURLAsync("**/upload", new() { WaitUntil = WaitUntilState.Commit });
        await TabUntilFocusedAsync(page, page.GetByLabel("File to upload"));
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }));
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until the element has the focus (at most 60 times), as a keyboard user would.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target}.");
    }
}
