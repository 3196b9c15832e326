using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

public class OpenApiTests(OpenDataApiFactory factory) : IClassFixture<OpenDataApiFactory>
{
    [Fact]
    public async Task OpenApi_document_lists_the_catalog_endpoints()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        foreach (var path in new[] { "/api/v1/departments", "/api/v1/datasets", "/api/v1/datasets/{department}/{dataset}/versions/{number}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " is missing from the OpenAPI document");
        }
    }
}
