using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api;

/// <summary>
/// <c>/api/v1/sql/queries</c>: a query that runs in the background for the key that started it, then its result in
/// pages or as a file in every format of the SQL endpoint, until it expires (docs/sql.md, "Query jobs").
/// </summary>
public static class SqlQueriesApi
{
    public const string Route = "/api/v1/sql/queries";

    /// <summary>How long DELETE waits for a cancelled query to stop, so that its answer can say it did.</summary>
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapSqlQueriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("SQL").RequireAuthorization();
        group.MapPost("", StartQuery)
            .WithName("StartSqlQuery")
            .WithSummary("Starts one SELECT in the background: 202 with the job and its Location.");
        group.MapGet("/{id}", GetQuery)
            .WithName("GetSqlQuery")
            .WithSummary("The job's state (running, succeeded, failed, cancelled), time, rows, columns or error.");
        group.MapGet("/{id}/rows", GetRows)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("GetSqlQueryRows")
            .WithSummary("A page of the result (offset, limit) in the SQL endpoint's JSON; truncated is true when rows follow it.");
        group.MapGet("/{id}/result.{format}", GetResult)
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: ["text/csv", "application/x-ndjson", "application/vnd.apache.parquet"])
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("GetSqlQueryResult")
            .WithSummary("The whole result as a file: json, csv, ndjson or parquet.");
        group.MapDelete("/{id}", DeleteQuery)
            .WithName("DeleteSqlQuery")
            .WithSummary("Cancels a running job (200 with its state), or discards a finished one and its result (204).");
        return app;
    }

    public static async Task<Results<Accepted<SqlQueryStatus>, ProblemHttpResult>> StartQuery(
        SqlQueryRequest request, [AsParameters] SqlQueryServices services)
    {
        var caller = services.Caller;
        if (request.TryRead(caller, services.SqlOptions, services.Options, out var sqlJob) is { } invalid)
        {
            return invalid;
        }
        var (job, refused) = await services.Jobs.StartAsync(caller, sqlJob);
        return job is null ? refused! : TypedResults.Accepted($"{Route}/{job.Id}", job.Status());
    }

    public static Results<Ok<SqlQueryStatus>, ProblemHttpResult> GetQuery(string id, [AsParameters] SqlQueryServices services) =>
        services.Jobs.Find(services.Caller, id) is { } job ? TypedResults.Ok(job.Status()) : NotFound(id);

    public static async Task<IResult> GetRows(
        string id, long? offset, int? limit, HttpContext context, [AsParameters] SqlQueryServices services)
    {
        if (offset is < 0)
        {
            return Problems.Invalid("offset", "must be 0 or more.");
        }
        if (limit is < 1 || limit > services.Options.MaxPageSize)
        {
            return Problems.Invalid("limit", $"must be between 1 and {services.Options.MaxPageSize}.");
        }
        return await WithResultAsync(id, services, (job, rows) =>
        {
            var start = offset ?? 0;
            var size = Math.Max(0, Math.Min(limit ?? services.Options.DefaultPageSize, rows - start));
            return services.Writer.WriteAsync(context, job, SqlFormat.Json, start, size, fileName: null);
        });
    }

    public static async Task<IResult> GetResult(string id, string format, HttpContext context, [AsParameters] SqlQueryServices services)
    {
        if (!SqlFormats.TryParse(format, out var parsed))
        {
            return Problems.NotFound($"A result can be had as json, csv, ndjson or parquet, not '{format}'.");
        }
        return await WithResultAsync(id, services, (job, rows) =>
        {
            var fileName = $"query-{job.Id}.{SqlFormats.Extension(parsed)}";
            return parsed == SqlFormat.Parquet
                ? services.Writer.SendParquetAsync(context, job, fileName)
                : services.Writer.WriteAsync(context, job, parsed, 0, rows, fileName);
        });
    }

    public static async Task<Results<Ok<SqlQueryStatus>, NoContent, ProblemHttpResult>> DeleteQuery(string id, [AsParameters] SqlQueryServices services)
    {
        if (services.Jobs.Find(services.Caller, id) is not { } job)
        {
            return NotFound(id);
        }
        if (!job.Cancel())
        {
            services.Jobs.Discard(job);
            return TypedResults.NoContent();
        }
        // DuckDB stops within moments of its interrupt; the wait only lets the answer say "cancelled".
        await Task.WhenAny(job.Completion, Task.Delay(CancelWait));
        return TypedResults.Ok(job.Status());
    }

    private static async Task<IResult> WithResultAsync(string id, SqlQueryServices services, Func<SqlQueryJob, long, Task<IResult>> write)
    {
        if (services.Jobs.Find(services.Caller, id) is not { } job)
        {
            return NotFound(id);
        }
        if (job.Result is not { } result)
        {
            return TypedResults.Problem(
                $"Query {id} is {job.State.ToString().ToLowerInvariant()}: only a query that succeeded has a result.",
                statusCode: StatusCodes.Status409Conflict);
        }
        return await write(job, result.Rows);
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"Query {id} does not exist, has expired, or was started by another key.");
}

/// <summary>What the query job handlers need.</summary>
public sealed record SqlQueryServices(
    SqlQueryJobs Jobs, SqlQueryResultWriter Writer, SqlOptions SqlOptions, SqlQueriesOptions Options, ClaimsPrincipal User)
{
    public Caller Caller => Caller.From(User);
}
