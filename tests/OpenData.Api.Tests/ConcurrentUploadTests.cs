using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// Concurrent uploads to one dataset through the real host: each is committed one after the other (201) or
/// refused with a 409 problem, never a 500; versions stay contiguous and each is one consistent snapshot.
/// </summary>
public sealed class ConcurrentUploadTests
{
    [Theory]
    [InlineData("replace", 2)]
    [InlineData("replace", 8)]
    [InlineData("append", 2)]
    [InlineData("append", 8)]
    public async Task Concurrent_uploads_commit_one_after_the_other_or_are_refused(string mode, int uploads)
    {
        using var factory = new OpenDataApiFactory();
        var client = await NewDatasetAsync(factory);
        // Upload 0 is version 1, committed before the race; uploads 1..n race each other.
        Assert.Equal(HttpStatusCode.Created, (await client.PutTextAsync(Csv(0))).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(1, uploads)
            .Select(upload => Task.Run(() => client.PutTextAsync(Csv(upload), query: "?mode=" + mode))));

        var committedBy = new Dictionary<int, int>();
        for (var upload = 1; upload <= uploads; upload++)
        {
            var response = responses[upload - 1];
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict);
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Created,
                $"Upload {upload} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            committedBy.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32(), upload);
        }
        Assert.NotEmpty(committedBy);

        var versions = (await client.VersionNumbersAsync()).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, committedBy.Count + 1), versions);
        Assert.Equal(versions.Skip(1), committedBy.Keys.Order());

        var previous = new Dictionary<int, long> { [0] = RowsOf(0) };
        Assert.Equal(previous, await UploadsInAsync(client, 1));
        foreach (var version in versions.Skip(1))
        {
            var upload = committedBy[version];
            var expected = mode == "append" ? new Dictionary<int, long>(previous) : [];
            expected.Add(upload, RowsOf(upload));
            var actual = await UploadsInAsync(client, version);
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Values.Sum(), Convert.ToInt64(await client.QueryAsync(version, "SELECT count(DISTINCT id) FROM v")));
            previous = actual;
        }
    }

    private static async Task<UploadClient> NewDatasetAsync(OpenDataApiFactory factory)
    {
        var seed = new ApiSeed(factory);
        var (department, key) = await seed.DepartmentAsync("race");
        var slug = ApiSeed.Unique("uploads");
        await seed.DatasetAsync(key, new { department, slug, title = "Concurrent uploads" });
        return new UploadClient(factory, key, department, slug);
    }

    /// <summary>Each upload has its own row count and ids, and names itself in the column <c>upload</c>.</summary>
    private static long RowsOf(int upload) => 40 + upload;

    private static string Csv(int upload)
    {
        var csv = new StringBuilder("id,upload,payload\n");
        for (var row = 0; row < RowsOf(upload); row++)
        {
            csv.Append(upload * 1000 + row).Append(',').Append(upload).Append(",row-").Append(row).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>The uploads whose rows the version holds, with how many rows of each.</summary>
    private static async Task<Dictionary<int, long>> UploadsInAsync(UploadClient client, int version)
    {
        var text = (string?)await client.QueryAsync(version,
            "SELECT string_agg(upload || ':' || n, ',' ORDER BY upload) FROM (SELECT upload, count(*) AS n FROM v GROUP BY upload)");
        return (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':'))
            .ToDictionary(pair => int.Parse(pair[0]), pair => long.Parse(pair[1]));
    }
}
