using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpenData.Portal.Tests;

/// <summary>
/// An analyst at the SQL console: runs a query and pages through it, cancels a long one, downloads a result, passes
/// a link on; with scripts (query jobs with progress) and without (the form's POST).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ConsoleTests(PortalHost host)
{
    private const string Numbers = "SELECT range AS n, 'row ' || range AS label FROM range(250) ORDER BY n";

    private const string CrossJoin = "SELECT count(*) FROM range(1000000000) AS a, range(100000) AS b WHERE a.range + b.range = -1";

    [Fact]
    public async Task An_analyst_runs_a_query_sees_the_table_and_pages_through_it()
    {
        var page = await host.NewPageAsync(host.AnalystKey);
        await page.GotoAsync("/console");

        await RunAsync(page, Numbers);

        await Assertions.Expect(Status(page)).ToHaveTextAsync(new Regex("^Done: 250 rows"));
        var table = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(table.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(["n", "label"]);
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(100);
        await Assertions.Expect(table.Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("0");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next rows" }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("100");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next rows" }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next rows" })).ToHaveCountAsync(0);
        await Assertions.Expect(Status(page)).ToContainTextAsync("Rows 201 to 250 shown.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_long_query_shows_progress_and_cancel_stops_it()
    {
        var page = await host.NewPageAsync(host.AnalystKey);
        await page.GotoAsync("/console");

        await RunAsync(page, CrossJoin);

        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "Query progress" });
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Running…");
        await Assertions.Expect(page.Locator("#elapsed")).Not.ToHaveTextAsync("0.0 s");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run" })).ToBeDisabledAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Assertions.Expect(Status(page)).ToHaveTextAsync("Cancelled.", new() { Timeout = 3000 });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"cancelled after {clock.Elapsed}");
        await Assertions.Expect(progress).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run" })).ToBeEnabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_result_downloads_as_the_SQL_endpoint_answers_it()
    {
        var page = await host.NewPageAsync(host.AnalystKey);
        await page.GotoAsync("/console");
        await RunAsync(page, Numbers);
        await Assertions.Expect(Status(page)).ToHaveTextAsync(new Regex("^Done"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());

        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        using var client = host.CreateClient(host.AnalystKey);
        Assert.Equal(await client.GetByteArrayAsync("/api/v1/sql?format=csv&sql=" + Uri.EscapeDataString(Numbers)), bytes);
        Assert.StartsWith("n,label\r\n0,row 0\r\n", Encoding.UTF8.GetString(bytes));
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var parquet = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Parquet" }).ClickAsync());
        Assert.Equal("PAR1"u8.ToArray(), (await File.ReadAllBytesAsync(await parquet.PathAsync()))[..4]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_shareable_link_opens_the_console_on_the_query_and_runs_it()
    {
        var page = await host.NewPageAsync(host.AnalystKey);
        await page.GotoAsync("/console");
        await RunAsync(page, Numbers);
        await Assertions.Expect(Status(page)).ToHaveTextAsync(new Regex("^Done"));
        var link = await page.Locator("#share-link").GetAttributeAsync("href");
        Assert.Contains("sql=", page.Url);

        var colleague = await host.NewPageAsync(host.AnalystKey);
        await colleague.GotoAsync(link!);

        await Assertions.Expect(colleague.GetByLabel("SQL", new() { Exact = true })).ToHaveValueAsync(Numbers);
        await Assertions.Expect(Status(colleague)).ToHaveTextAsync(new Regex("^Done: 250 rows"));
        await Assertions.Expect(colleague.GetByRole(AriaRole.Table).Locator("tbody tr")).ToHaveCountAsync(100);
        await page.Context.CloseAsync();
        await colleague.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_javascript_the_form_runs_the_query_and_shows_its_first_page()
    {
        var page = await host.NewPageAsync(host.AnalystKey, javaScriptEnabled: false);
        await page.GotoAsync("/console");

        await RunAsync(page, Numbers);

        await page.WaitForURLAsync("**/console?job=*");
        var table = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(100);
        await Assertions.Expect(page.GetByLabel("SQL", new() { Exact = true })).ToHaveValueAsync(Numbers);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next rows" }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("100");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Refused_SQL_says_why_next_to_the_editor_without_javascript()
    {
        var page = await host.NewPageAsync(host.AnalystKey, javaScriptEnabled: false);
        await page.GotoAsync("/console");

        await RunAsync(page, "COPY (SELECT 1) TO '/tmp/console-escape.csv'");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("COPY statements are not allowed");
        await Assertions.Expect(page.GetByLabel("SQL", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.False(File.Exists("/tmp/console-escape.csv"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_console_with_a_result_has_no_serious_accessibility_violation_on_a_desktop_and_a_phone()
    {
        var page = await host.NewPageAsync(host.AnalystKey);
        await page.GotoAsync("/console");
        await RunAsync(page, Numbers);
        await Assertions.Expect(Status(page)).ToHaveTextAsync(new Regex("^Done"));

        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.SetViewportSizeAsync(375, 740);
        await Axe.AssertNoSeriousViolationsAsync(page);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the console is {overflow}px wider than a phone's screen.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signed_out_visitors_see_the_query_and_are_asked_to_sign_in()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/console?sql=" + Uri.EscapeDataString(Numbers) + "&run=1");

        await Assertions.Expect(page.GetByLabel("SQL", new() { Exact = true })).ToHaveValueAsync(Numbers);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "sign in to run this one" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run" })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>Types the query in the editor and runs it with the keyboard: Tab to Run, Enter.</summary>
    private static async Task RunAsync(IPage page, string sql)
    {
        await page.GetByLabel("SQL", new() { Exact = true }).FillAsync(sql);
        await page.GetByLabel("SQL", new() { Exact = true }).PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
    }

    private static ILocator Status(IPage page) => page.GetByRole(AriaRole.Status);
}
