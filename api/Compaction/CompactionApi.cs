using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;
using OpenData.Lake;

namespace OpenData.Api;

/// <summary>POST …/compact: rewrites a dataset's current version into few large files now, instead of at the next scheduled run.</summary>
public static class CompactionApi
{
    public static IEndpointRouteBuilder MapCompactionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/datasets/{department}/{dataset}/compact", Compact)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("CompactDataset")
            .WithSummary("Rewrites the current version's files into few large ones as a new version with the same rows; an admin or the department's publisher.")
            .WithTags("Data");
        return app;
    }

    public static async Task<Results<Created<CompactionView>, Ok<CompactionView>, ProblemHttpResult>> Compact(
        string department, string dataset, [AsParameters] CompactionServices services, CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (!caller.CanWrite(department))
        {
            return Problems.CannotWrite(caller, department);
        }
        if (await services.Catalog.GetDatasetAsync(department, dataset, cancellationToken) is null)
        {
            return Problems.DatasetNotFound(department, dataset);
        }

        var clock = Stopwatch.StartNew();
        // Asked for: any rewrite that leaves fewer files is worth it, whatever Compaction:MinFiles says.
        var result = await services.Compactor.CompactAsync(department, dataset, $"compaction by {caller.Name}", minFiles: 0, cancellationToken);
        var view = new CompactionView(
            result.Outcome, result.Detail, result.Version?.Number, result.FilesBefore, result.FilesAfter, result.Rows, clock.ElapsedMilliseconds);
        return result.Outcome switch
        {
            CompactionOutcome.Compacted => TypedResults.Created($"/api/v1/datasets/{department}/{dataset}/versions/{view.Version}", view),
            CompactionOutcome.Superseded => TypedResults.Problem(result.Detail, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Ok(view),
        };
    }
}

/// <summary>What the compaction endpoint needs.</summary>
public sealed record CompactionServices(ICatalogStore Catalog, DatasetCompactor Compactor, ClaimsPrincipal User)
{
    public Caller Caller => Caller.From(User);
}
