using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>The one error shape: RFC 9457 problem details with type, title, status and a detail saying what was wrong.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task<string> Detail(HttpResponseMessage response, HttpStatusCode status) =>
        (await IsProblem(response, status)).GetProperty("detail").GetString()!;
}
