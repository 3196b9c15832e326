using System.Net;
using System.Net.Http.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// A department's pipeline that has run once (version 1 of its target, fines) and has then been changed to SQL that
/// takes minutes per row, for the tests of a run that something else has to stop.
/// </summary>
public sealed record SlowPipeline(string Department, string Key, string Name)
{
    public static async Task<SlowPipeline> CreateAsync(OpenDataApiFactory factory, string departmentPrefix)
    {
        var seed = new ApiSeed(factory);
        var (department, key) = await seed.DepartmentAsync(departmentPrefix);
        await seed.DatasetAsync(key, new { department, slug = "tickets", title = "Tickets" });
        await new UploadClient(factory, key, department, "tickets").PutTextAsync("district,fine\nnorth,10\nsouth,20\n");
        var pipelines = new PipelineClient(factory, key);
        var name = (await pipelines.CreatedAsync(new
        {
            name = ApiSeed.Unique("slow"),
            department,
            sql = $"SELECT district, sum(fine) AS fines FROM \"{department}\".tickets GROUP BY ALL",
            target = new { dataset = "fines" },
        })).GetProperty("name").GetString()!;
        Assert.Equal("succeeded", (await pipelines.RunAsync(name)).GetProperty("status").GetString());

        using var owner = factory.CreateClient(key);
        var patched = await owner.PatchAsJsonAsync($"/api/v1/pipelines/{name}", new
        {
            sql = $"SELECT district, (SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range + b.range = fine) AS fines FROM \"{department}\".tickets",
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        return new SlowPipeline(department, key, name);
    }
}
