using System.Security.Claims;

namespace OpenData.Api;

/// <summary>
/// <c>POST /api/v1/sql</c> (JSON body) and <c>GET /api/v1/sql?sql=…</c> (a shareable link): one SELECT over the lake,
/// run in the caller's sandbox (docs/sql.md).
/// </summary>
public static class SqlApi
{
    public const string Route = "/api/v1/sql";

    private static readonly string[] AnswerTypes = ["text/csv", "application/x-ndjson", "application/vnd.apache.parquet"];

    public static IEndpointRouteBuilder MapSqlApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, PostSql)
            .Accepts<SqlRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: AnswerTypes)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("PostSql")
            .WithSummary("Runs one SELECT over the datasets the caller may read; answers in json, csv, ndjson or parquet.")
            .WithTags("SQL");
        app.MapGet(Route, GetSql)
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: AnswerTypes)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("GetSql")
            .WithSummary("As POST /api/v1/sql, with sql, format, max_rows and timeout_ms in the query string, for links.")
            .WithTags("SQL");
        return app;
    }

    public static Task<IResult> PostSql(SqlRequest request, HttpContext context, [AsParameters] SqlServices services) =>
        RunAsync(request, context, services);

    public static Task<IResult> GetSql([AsParameters] SqlQueryString query, HttpContext context, [AsParameters] SqlServices services) =>
        RunAsync(query.ToRequest(), context, services);

    private static async Task<IResult> RunAsync(SqlRequest request, HttpContext context, SqlServices services)
    {
        var caller = Caller.From(services.User);
        if (request.TryRead(caller, services.Options, out var job) is { } invalid)
        {
            return invalid;
        }
        return await services.Runner.RunAsync(context, caller, job);
    }
}

/// <summary>What the SQL handlers need.</summary>
public sealed record SqlServices(SqlRunner Runner, SqlOptions Options, ClaimsPrincipal User);
