using Microsoft.Playwright;

namespace OpenData.Portal.Tests;

/// <summary>axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page type, on a desktop and a phone.</summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalHost host)
{
    /// <summary>Each page type, and whether it needs the department's publisher signed in.</summary>
    public static TheoryData<string, bool> PageTypes => new()
    {
        { "/", false },
        { "/datasets?q=traffic", false },
        { "/datasets/{department}/traffic-tickets", false },
        { "/departments", false },
        { "/departments/{department}", true },
        { "/departments/{department}/datasets/traffic-tickets/upload", true },
        { "/departments/{department}/datasets/new", true },
        { "/departments/{department}/datasets/traffic-tickets/edit", true },
        { "/signin", false },
        { "/signout", true },
    };

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task A_page_type_has_no_serious_accessibility_violation(string path, bool asPublisher)
    {
        var page = await host.NewPageAsync(asPublisher ? host.PublisherKey : null);
        var response = await page.GotoAsync(path.Replace("{department}", host.Department));
        Assert.Equal(200, response!.Status);
        await Axe.AssertNoSeriousViolationsAsync(page);

        await page.SetViewportSizeAsync(375, 740);
        await Axe.AssertNoSeriousViolationsAsync(page);
        // Usable on a phone: nothing wider than the screen but the tables, which scroll inside their own box.
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var widest = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("body *")]
              .filter(element => element.getBoundingClientRect().right > document.documentElement.clientWidth)
              .map(element => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent.trim().slice(0, 40)}`)
            """);
        Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a phone's screen: {string.Join("; ", widest)}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_has_the_landmarks_and_a_skip_link_that_moves_to_the_main_content()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo)).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }
}
