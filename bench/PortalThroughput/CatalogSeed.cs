using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace OpenData.Bench.PortalThroughput;

/// <summary>
/// Fills the catalog over HTTP with <c>count</c> datasets spread over five departments, with varied titles,
/// keywords, themes, licences and access levels (70 % public, 20 % internal, 10 % restricted), deterministically:
/// dataset <c>i</c> is the same on every run. Every <see cref="WithDataEvery"/>th dataset gets a small CSV version,
/// so that dataset pages have a schema, versions and a preview to show.
/// </summary>
internal static class CatalogSeed
{
    public const int WithDataEvery = 100;

    public static readonly string[] Departments = ["transport", "health", "utilities", "social-security", "finance"];

    private static readonly string[] Subjects =
    [
        "Bus ridership", "Traffic tickets", "Road works", "Hospital beds", "Vaccinations", "Waiting times", "Water quality",
        "Electricity use", "Street lights", "Pension payments", "Housing benefit", "Unemployment claims", "Tax receipts",
        "Public spending", "Procurement contracts", "Air quality", "Parking permits", "School meals", "Library loans", "Noise complaints",
    ];

    private static readonly string[] Keywords =
    [
        "transport", "health", "water", "energy", "benefits", "tax", "budget", "environment", "mobility", "housing",
        "education", "safety", "statistics", "monthly", "district",
    ];

    private static readonly string[] Themes = ["transport", "health", "environment", "economy", "society", "government"];

    private static readonly string[] Licences = ["CC-BY-4.0", "CC0-1.0", "ODbL-1.0"];

    public static string Department(int index) => Departments[index % Departments.Length];

    public static string Slug(int index) => $"dataset-{index:D5}";

    public static bool IsPublic(int index) => index % 10 < 7;

    public static bool HasData(int index) => index % WithDataEvery == 0;

    /// <summary>Creates the departments and datasets with <paramref name="parallel"/> requests at a time.</summary>
    public static async Task FillAsync(HttpClient client, string adminKey, int count, int parallel, Action<int> progress)
    {
        foreach (var department in Departments)
        {
            await SendAsync(client, adminKey, HttpMethod.Post, "/api/v1/departments",
                JsonContent.Create(new { slug = department, name = $"Department of {department}", contact = $"data@{department}.example.gov" }));
        }
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (index, _) =>
        {
            await SendAsync(client, adminKey, HttpMethod.Post, "/api/v1/datasets", JsonContent.Create(Dataset(index)));
            if (HasData(index))
            {
                var csv = new StringContent(Csv(index), Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));
                await SendAsync(client, adminKey, HttpMethod.Put, $"/api/v1/datasets/{Department(index)}/{Slug(index)}/data", csv);
            }
            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                progress(done);
            }
        });
    }

    private static object Dataset(int index)
    {
        var subject = Subjects[index % Subjects.Length];
        return new
        {
            department = Department(index),
            slug = Slug(index),
            title = $"{subject} {2015 + index % 10} (series {index / Subjects.Length})",
            description = $"{subject} recorded by the {Department(index)} department, one row per record, series {index}. Synthetic catalog entry for the benchmark.",
            keywords = new[] { Keywords[index % Keywords.Length], Keywords[index / 7 % Keywords.Length], Keywords[index / 13 % Keywords.Length] }.Distinct(),
            theme = Themes[index % Themes.Length],
            licence = Licences[index % Licences.Length],
            access = IsPublic(index) ? "public" : index % 10 < 9 ? "internal" : "restricted",
            updateFrequency = index % 2 == 0 ? "monthly" : "daily",
            personalColumns = new[] { "name" },
        };
    }

    private static string Csv(int index)
    {
        var csv = new StringBuilder("id,district,day,amount,name\n");
        for (var row = 1; row <= 200; row++)
        {
            csv.Append(FormattableString.Invariant($"{row},District {row % 16},2024-{1 + row % 12:D2}-{1 + row % 28:D2},{row * 3.25m + index},Person {row}\n"));
        }
        return csv.ToString();
    }

    private static async Task SendAsync(HttpClient client, string key, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var answer = await client.SendAsync(request);
        if (answer.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }
    }
}
