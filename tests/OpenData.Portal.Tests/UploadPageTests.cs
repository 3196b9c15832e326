using System.Text;
using Microsoft.Playwright;

namespace OpenData.Portal.Tests;

/// <summary>A department publishes a file from the upload page and sees the new version and the rejects report.</summary>
[Collection(PortalCollection.Name)]
public sealed class UploadPageTests(PortalHost host)
{
    /// <summary>Version 2 of a dataset whose version 1 had <c>id</c> BIGINT: one row's id does not fit.</summary>
    private const string CsvWithOneReject = "id,district\n10,Huangpu\noops,Xuhui\n12,Pudong\n";

    [Fact]
    public async Task A_publisher_uploads_with_the_file_input_and_sees_the_version_and_the_rejects_table()
    {
        var page = await UploadAsync(await DatasetWithOneVersionAsync(), javaScriptEnabled: true, ChooseCsvWithOneRejectAsync);

        await AssertOutcomeAsync(page);
        // The script's path: the progress bar ran to the end, and the page stayed (no form post).
        await Assertions.Expect(page.Locator("#upload-progress-bar")).ToHaveAttributeAsync("value", "100");
        Assert.EndsWith("/upload", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_publisher_drops_a_file_on_the_page_and_it_is_published()
    {
        var page = await UploadAsync(await DatasetWithOneVersionAsync(), javaScriptEnabled: true, async page =>
        {
            var dataTransfer = await page.EvaluateHandleAsync("""
                content => {
                  const transfer = new DataTransfer();
                  transfer.items.add(new File([content], "dropped.csv", { type: "text/csv" }));
                  return transfer;
                }
                """, CsvWithOneReject);
            await page.Locator("#drop-zone").DispatchEventAsync("drop", new { dataTransfer });
            await Assertions.Expect(page.Locator("#drop-hint")).ToHaveTextAsync("Ready to upload dropped.csv.");
        });

        await AssertOutcomeAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_javascript_the_form_posts_and_the_result_page_shows_the_same()
    {
        var page = await UploadAsync(await DatasetWithOneVersionAsync(), javaScriptEnabled: false, ChooseCsvWithOneRejectAsync);

        await AssertOutcomeAsync(page);
        await Assertions.Expect(page.GetByText("Rows imported from the file")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_javascript_a_publisher_uploads_a_file_larger_than_kestrels_30_MB()
    {
        var slug = await DatasetWithOneVersionAsync();
        var file = Path.Combine(Path.GetTempPath(), Api.Tests.ApiSeed.Unique("large") + ".csv");
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(CsvWithOneReject);
            for (var id = 100; writer.BaseStream.Length < 36_000_000; id++)
            {
                await writer.WriteAsync($"{id},Pudong New Area by the river and the sea\n");
            }
        }
        var rows = File.ReadLines(file).LongCount() - 1;
        try
        {
            var page = await UploadAsync(slug, javaScriptEnabled: false, page => page.GetByLabel("File to upload").SetInputFilesAsync(file));

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Published as version 2" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            // Every row but the one reject, which the report names.
            await Assertions.Expect(page.Locator(".upload-outcome dd").First).ToHaveTextAsync((rows - 1).ToString("N0"));
            await Assertions.Expect(page.Locator("table.rejects tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("table.rejects tbody tr")).ToContainTextAsync("oops");
            await page.Context.CloseAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_public_is_sent_to_sign_in_and_another_department_finds_no_upload_page()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"/departments/{host.Department}/datasets/{PortalHost.Tickets}/upload");
        Assert.Contains("/signin?returnUrl=", page.Url);

        var (_, otherPublisher) = await host.Seed.DepartmentAsync("health");
        var other = await host.NewPageAsync(otherPublisher);
        var response = await other.GotoAsync($"/departments/{host.Department}/datasets/{PortalHost.Tickets}/upload");
        Assert.Equal(404, response!.Status);
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    /// <summary>Opens the dataset's upload page as its publisher, lets <paramref name="choose"/> pick the file, and appends it.</summary>
    private async Task<IPage> UploadAsync(string slug, bool javaScriptEnabled, Func<IPage, Task> choose)
    {
        var page = await host.NewPageAsync(host.PublisherKey, javaScriptEnabled: javaScriptEnabled);
        await page.GotoAsync($"/departments/{host.Department}/datasets/{slug}/upload");
        await choose(page);
        await page.GetByLabel("How to merge it").SelectOptionAsync("append");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        return page;
    }

    private static Task ChooseCsvWithOneRejectAsync(IPage page) =>
        page.GetByLabel("File to upload").SetInputFilesAsync(new FilePayload
        {
            Name = "districts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(CsvWithOneReject),
        });

    private async Task<string> DatasetWithOneVersionAsync()
    {
        var slug = Api.Tests.ApiSeed.Unique("districts");
        await host.CreateDatasetAsync(slug, "Districts " + slug);
        await host.UploadAsync(slug, "id,district\n1,Jing'an\n");
        return slug;
    }

    private static async Task AssertOutcomeAsync(IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Published as version 2" })).ToBeVisibleAsync();
        var rejects = page.Locator("table.rejects");
        await Assertions.Expect(rejects.Locator("thead th")).ToHaveTextAsync(["line", "column", "value", "reason"]);
        await Assertions.Expect(rejects.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(rejects.Locator("tbody tr td").Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(rejects.Locator("tbody tr")).ToContainTextAsync("oops");
        await Assertions.Expect(page.Locator(".upload-outcome dl")).ToContainTextAsync("3");
    }
}
