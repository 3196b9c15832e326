using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

public class HealthApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    [Fact]
    public async Task GetHealth_reports_duckdb_version_and_data_folder()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("v1.5.6", body.GetProperty("duckDB").GetProperty("libraryVersion").GetString());
        Assert.Equal("v1.5.6", body.GetProperty("duckDB").GetProperty("version").GetString());
        Assert.Equal(factory.DataDirectory, body.GetProperty("dataDirectory").GetString());
        Assert.True(Directory.Exists(factory.DataDirectory));
    }

    [Fact]
    public async Task Unknown_route_answers_with_problem_details()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }
}
