using System.Diagnostics;
using System.Net;

namespace OpenData.Api.Tests;

/// <summary>The time limit stops DuckDB itself (duckdb_interrupt): a cross join ends within its limit plus a second.</summary>
[Collection(SqlLakeCollection.Name)]
public sealed class SqlTimeoutTests(SqlLake lake)
{
    // 10^14 pairs, with a build side small enough to stay in memory: one that spills ends only once its writes do.
    private const string CrossJoin = "SELECT count(*) FROM range(1000000000) AS a, range(100000) AS b WHERE a.range + b.range = -1";

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task A_cross_join_is_stopped_within_its_time_limit_plus_one_second(string format)
    {
        var clock = Stopwatch.StartNew();

        var response = await lake.PostAsync(null, new { sql = CrossJoin, format, timeout_ms = 1000 });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"answered after {clock.Elapsed}");
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Query time limit exceeded", problem.GetProperty("title").GetString());
        Assert.Contains("1000 ms", problem.GetProperty("detail").GetString());
        Assert.Equal(6, (await lake.QueryAsync(null, $"SELECT count(*) FROM {lake.Tickets}")).GetProperty("rows")[0][0].GetInt64());
    }

    [Fact]
    public async Task Without_a_time_limit_in_the_request_the_default_applies()
    {
        using var factory = new OpenDataApiFactory { Settings = new Dictionary<string, string> { ["Sql:DefaultTimeout"] = "00:00:00.5" } };
        using var client = factory.CreateClient();
        var clock = Stopwatch.StartNew();

        var response = await client.GetAsync("/api/v1/sql?sql=" + Uri.EscapeDataString(CrossJoin));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"answered after {clock.Elapsed}");
        Assert.Contains("500 ms", await ProblemAssert.Detail(response, HttpStatusCode.UnprocessableEntity));
    }
}
