using System.Net;
using System.Text.RegularExpressions;

namespace OpenData.Portal.Tests;

/// <summary>The catalog page's paging and sorting, read as plain HTML (what a browser without scripts gets).</summary>
[Collection(PortalCollection.Name)]
public sealed partial class CatalogPageTests(PortalHost host)
{
    [Fact]
    public async Task Results_come_twenty_a_page_sorted_by_name_or_by_last_update()
    {
        var keyword = Api.Tests.ApiSeed.Unique("paging");
        var slugs = new List<string>();
        for (var i = 0; i < 22; i++)
        {
            var slug = $"{keyword}-{i:00}";
            await host.Seed.DatasetAsync(host.PublisherKey, new
            {
                department = host.Department, slug, title = $"Paged {(char)('z' - i)}", access = "public", keywords = new[] { keyword },
            });
            slugs.Add(slug);
        }
        await host.UploadAsync(slugs[5], "id\n1\n");

        using var client = host.CreateClient();
        var first = await TitlesAsync(client, $"/datasets?keyword={keyword}&sort=name");
        Assert.Equal(20, first.Count);
        Assert.Equal("Paged e", first[0]);
        Assert.Equal(first.Order(StringComparer.OrdinalIgnoreCase), first);
        var second = await TitlesAsync(client, $"/datasets?keyword={keyword}&sort=name&page=2");
        Assert.Equal(["Paged y", "Paged z"], second);

        var updated = await TitlesAsync(client, $"/datasets?keyword={keyword}&sort=updated");
        Assert.Equal("Paged u", updated[0]);
    }

    [Fact]
    public async Task An_unknown_page_or_sort_falls_back_to_the_first_page_by_relevance()
    {
        using var client = host.CreateClient();
        var response = await client.GetAsync("/datasets?q=traffic&sort=sideways&page=-3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Traffic tickets", await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return ResultTitle().Matches(html).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value)).ToList();
    }

    [GeneratedRegex("<h3><a href=\"/datasets/[^\"]+\">([^<]+)</a></h3>")]
    private static partial Regex ResultTitle();
}
