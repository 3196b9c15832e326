using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>Defines and runs pipelines over HTTP and waits for their runs, for the tests of one department.</summary>
public sealed class PipelineClient(OpenDataApiFactory factory, string key)
{
    public async Task<HttpResponseMessage> CreateAsync(object pipeline)
    {
        using var client = factory.CreateClient(key);
        return await client.PostAsJsonAsync("/api/v1/pipelines", pipeline);
    }

    public async Task<JsonElement> CreatedAsync(object pipeline)
    {
        var response = await CreateAsync(pipeline);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Starts a run and waits until its first attempt has ended.</summary>
    public async Task<JsonElement> RunAsync(string name)
    {
        using var client = factory.CreateClient(key);
        var response = await client.PostAsync($"/api/v1/pipelines/{name}/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/pipelines/{name}/runs/{run.GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        var id = run.GetProperty("id").GetInt64();
        return await WaitAsync(name, r => r.GetProperty("id").GetInt64() == id && r.GetProperty("status").GetString() != "running");
    }

    /// <summary>Polls the runs until one matches, for at most 20 seconds; the newest that matches.</summary>
    public async Task<JsonElement> WaitAsync(string name, Func<JsonElement, bool> matches)
    {
        using var client = factory.CreateClient(key);
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            foreach (var run in (await client.GetFromJsonAsync<JsonElement>($"/api/v1/pipelines/{name}/runs")).EnumerateArray())
            {
                if (matches(run))
                {
                    return run;
                }
            }
        }
        throw new TimeoutException($"No such run of {name} within 20 s.");
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var client = factory.CreateClient(key);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    /// <summary>Rows of a SQL answer, for the given key (null: anonymous).</summary>
    public async Task<List<JsonElement>> SqlAsync(string sql, string? asKey)
    {
        using var client = factory.CreateClient(asKey);
        var response = await client.PostAsJsonAsync("/api/v1/sql", new { sql });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToList();
    }
}
