using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>Small-cell suppression of a public aggregate of personal records, totals included, read back as the public reads it.</summary>
public class PipelineSuppressionTests(PipelinesFactory host) : IClassFixture<PipelinesFactory>
{
    private readonly OpenDataApiFactory _factory = host.Factory;

    [Fact]
    public async Task Cells_under_k_and_the_complements_that_totals_would_reveal_are_published_as_null_and_flagged()
    {
        var rows = await SuppressedAsync("GROUP BY CUBE (week, hospital)");
        var cell = (int? week, string? hospital) => rows.Single(r => r.Week == week && r.Hospital == hospital);

        Assert.True(cell(1, "A").Hidden);
        Assert.Null(cell(1, "A").Patients);
        Assert.Equal(JsonValueKind.Null, cell(1, "A").Mean.ValueKind);
        Assert.True(cell(2, "C").Hidden);
        // Week 1's total (13) is published, so B (10) is hidden too: otherwise 13 - 10 gives A away.
        Assert.Equal(13, cell(1, null).Patients);
        Assert.True(cell(1, "B").Hidden);
        Assert.Equal(28, cell(null, null).Patients);
        Assert.All(rows.Where(r => r.Hidden), r => Assert.Null(r.Patients));
        Assert.All(rows.Where(r => !r.Hidden), r => Assert.True(r.Patients >= 5));

        // No published total leaves exactly one hidden row among those it sums, over either dimension.
        foreach (var total in rows.Where(r => !r.Hidden && (r.Week is null || r.Hospital is null)))
        {
            if (total.Hospital is null)
            {
                Assert.NotEqual(1, rows.Count(r => r.Week == total.Week && r.Hospital is not null && r.Hidden));
            }
            if (total.Week is null)
            {
                Assert.NotEqual(1, rows.Count(r => r.Hospital == total.Hospital && r.Week is not null && r.Hidden));
            }
        }
    }

    [Fact]
    public async Task Without_totals_only_the_cells_under_k_are_hidden()
    {
        var rows = (await SuppressedAsync("GROUP BY ALL")).OrderBy(r => r.Week).ThenBy(r => r.Hospital, StringComparer.Ordinal).ToList();

        Assert.Equal([(1, "A", true), (1, "B", false), (2, "A", false), (2, "B", false), (2, "C", true)],
            rows.Select(r => (r.Week!.Value, r.Hospital!, r.Hidden)));
        Assert.All(rows.Where(r => r.Hidden), r => Assert.Null(r.Patients));
        Assert.All(rows.Where(r => r.Hidden), r => Assert.Equal(JsonValueKind.Null, r.Mean.ValueKind));
        Assert.Equal([10, 6, 7], rows.Where(r => !r.Hidden).Select(r => r.Patients!.Value));
    }

    /// <summary>
    /// Appointments with week 1: A 3 (under k = 5), B 10; week 2: A 6, B 7, C 2 (under k), aggregated by a public
    /// pipeline with <paramref name="grouping"/> and k = 5, read back as the public reads it.
    /// </summary>
    private async Task<List<(int? Week, string? Hospital, int? Patients, JsonElement Mean, bool Hidden)>> SuppressedAsync(string grouping)
    {
        var seed = new ApiSeed(_factory);
        var (department, key) = await seed.DepartmentAsync("health");
        await seed.DatasetAsync(key, new { department, slug = "appointments", title = "Appointments", personalColumns = new[] { "patient_id" } });
        var csv = new StringBuilder("patient_id,week,hospital,wait_days\n");
        var patient = 0;
        foreach (var (week, hospital, count) in new[] { (1, "A", 3), (1, "B", 10), (2, "A", 6), (2, "B", 7), (2, "C", 2) })
        {
            for (var i = 0; i < count; i++)
            {
                csv.Append($"p{++patient},{week},{hospital},{patient % 7}\n");
            }
        }
        Assert.Equal(HttpStatusCode.Created, (await new UploadClient(_factory, key, department, "appointments").PutTextAsync(csv.ToString())).StatusCode);

        var pipelines = new PipelineClient(_factory, key);
        var name = ApiSeed.Unique("waits");
        await pipelines.CreatedAsync(new
        {
            name,
            department,
            sql = $"SELECT week, hospital, count(*) AS patients, avg(wait_days) AS mean_wait FROM \"{department}\".appointments {grouping}",
            target = new { dataset = name, access = "public" },
            suppression = new { countColumn = "patients", threshold = 5, measures = new[] { "mean_wait" }, dimensions = new[] { "week", "hospital" } },
        });
        var run = await pipelines.RunAsync(name);
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());

        return (await pipelines.SqlAsync($"SELECT week, hospital, patients, mean_wait, suppressed FROM \"{department}\".\"{name}\"", asKey: null))
            .Select(r => (Week: Int(r[0]), Hospital: r[1].ValueKind == JsonValueKind.Null ? null : r[1].GetString(), Patients: Int(r[2]), Mean: r[3], Hidden: r[4].GetBoolean()))
            .ToList();
    }

    private static int? Int(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
}
