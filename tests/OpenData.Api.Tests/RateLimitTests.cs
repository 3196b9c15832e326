using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

public class RateLimitTests
{
    private static OpenDataApiFactory Host(int permits, bool enabled = true) => new()
    {
        Settings = new Dictionary<string, string>
        {
            ["RateLimits:Enabled"] = enabled ? "true" : "false",
            ["RateLimits:AnonymousPermitLimit"] = permits.ToString(),
            ["RateLimits:AnonymousWindow"] = "01:00:00",
        },
    };

    [Fact]
    public async Task Anonymous_caller_past_the_limit_gets_429_with_Retry_After()
    {
        using var host = Host(permits: 3);
        using var anonymous = host.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await anonymous.GetAsync("/api/v1/datasets"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], answers.Take(3).Select(answer => answer.StatusCode));
        foreach (var refused in answers.Skip(3))
        {
            Assert.Contains("API key", await ProblemAssert.Detail(refused, HttpStatusCode.TooManyRequests));
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        }
    }

    [Fact]
    public async Task Every_route_counts_towards_one_limit_even_unknown_ones_but_health_is_exempt()
    {
        using var host = Host(permits: 2);
        using var anonymous = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/departments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/no/such/route")).StatusCode);
        var limited = await anonymous.GetAsync("/api/v1/datasets");
        var health = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            health.Add((await anonymous.GetAsync("/health")).StatusCode);
        }

        await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.All(health, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Callers_with_a_key_are_not_limited()
    {
        using var host = Host(permits: 1);
        var analystKey = await new ApiSeed(host).KeyAsync("analyst");
        using var analyst = host.CreateClient(analystKey);
        using var anonymous = host.CreateClient();

        await anonymous.GetAsync("/api/v1/datasets");
        var anonymousAgain = await anonymous.GetAsync("/api/v1/datasets");
        var keyed = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            keyed.Add((await analyst.GetAsync("/api/v1/datasets")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, anonymousAgain.StatusCode);
        Assert.All(keyed, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_wrong_key_gets_401_not_a_pass_around_the_limit()
    {
        using var host = Host(permits: 1);
        using var anonymous = host.CreateClient();
        using var wrongKey = host.CreateClient("od_not-a-real-key");

        await anonymous.GetAsync("/api/v1/datasets");
        var answer = await wrongKey.GetAsync("/api/v1/datasets");

        await ProblemAssert.IsProblem(answer, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Disabled_limits_let_every_request_through()
    {
        using var host = Host(permits: 1, enabled: false);
        using var anonymous = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await anonymous.GetAsync("/api/v1/datasets")).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var body = await (await anonymous.GetAsync("/api/v1/datasets")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, body.GetProperty("items").ValueKind);
    }
}
