using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;
using OpenData.Pipelines;

namespace OpenData.Api;

/// <summary>/api/v1/pipelines: define pipelines, run them and read their runs (docs/pipelines.md). Any key reads; the
/// owning department's publisher or an admin writes.</summary>
public static class PipelinesApi
{
    public const int DefaultRunsPage = 50;
    public const int MaxRunsPage = 500;

    public static IEndpointRouteBuilder MapPipelinesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pipelines").WithTags("Pipelines");
        group.MapPost("", CreatePipeline)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("CreatePipeline")
            .WithSummary("Defines a pipeline of a department: its SQL, target dataset, write mode, triggers, checks and suppression.");
        group.MapGet("", ListPipelines)
            .RequireAuthorization()
            .WithName("ListPipelines")
            .WithSummary("Lists the pipelines, of one department with ?department=.");
        group.MapGet("/{name}", GetPipeline)
            .RequireAuthorization()
            .WithName("GetPipeline")
            .WithSummary("Gets a pipeline's definition and the inputs its SQL reads.");
        group.MapPatch("/{name}", UpdatePipeline)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("UpdatePipeline")
            .WithSummary("Changes the fields given of a pipeline; the department's publisher or an admin.");
        group.MapDelete("/{name}", DeletePipeline)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("DeletePipeline")
            .WithSummary("Deletes a pipeline and its runs; its target dataset and lineage stay.");
        group.MapPost("/{name}/runs", StartRun)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("StartPipelineRun")
            .WithSummary("Runs the pipeline now: 202 with the run, which goes on in the background; 409 while a run is under way.");
        group.MapGet("/{name}/runs", ListRuns)
            .RequireAuthorization()
            .WithName("ListPipelineRuns")
            .WithSummary("The pipeline's runs, newest first.");
        group.MapGet("/{name}/runs/{id:long}", GetRun)
            .RequireAuthorization()
            .WithName("GetPipelineRun")
            .WithSummary("One run: trigger, start and end, status, rows, the input versions it read, the version it wrote, error.");
        return app;
    }

    public static async Task<Results<Created<Pipeline>, ProblemHttpResult>> CreatePipeline(
        PipelineRequest request, [AsParameters] PipelineServices services, CancellationToken cancellationToken)
    {
        if (request.MissingField() is { } missing)
        {
            return Problems.Invalid(missing, "is required.");
        }
        var caller = services.Caller;
        if (!caller.CanWrite(request.Department!))
        {
            return Problems.CannotWrite(caller, request.Department!);
        }
        if (await services.Catalog.GetDepartmentAsync(request.Department!, cancellationToken) is null)
        {
            return Problems.NotFound($"Department '{request.Department}' does not exist.");
        }
        var (prepared, refusal) = await PrepareAsync(services, request.ToPipeline(caller.Name), cancellationToken);
        if (prepared is null)
        {
            return refusal!;
        }
        var created = await services.Pipelines.CreatePipelineAsync(prepared, cancellationToken);
        await services.Schedules.ApplyAsync(created, cancellationToken);
        return TypedResults.Created($"/api/v1/pipelines/{created.Name}", created);
    }

    public static async Task<Ok<IReadOnlyList<Pipeline>>> ListPipelines(
        string? department, [AsParameters] PipelineServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await services.Pipelines.ListPipelinesAsync(department, cancellationToken));

    public static async Task<Results<Ok<Pipeline>, ProblemHttpResult>> GetPipeline(
        string name, [AsParameters] PipelineServices services, CancellationToken cancellationToken) =>
        await services.Pipelines.GetPipelineAsync(name, cancellationToken) is { } pipeline
            ? TypedResults.Ok(pipeline)
            : PipelineNotFound(name);

    public static async Task<Results<Ok<Pipeline>, ProblemHttpResult>> UpdatePipeline(
        string name, PipelinePatch patch, [AsParameters] PipelineServices services, CancellationToken cancellationToken)
    {
        if (await services.Pipelines.GetPipelineAsync(name, cancellationToken) is not { } existing)
        {
            return PipelineNotFound(name);
        }
        if (!services.Caller.CanWrite(existing.Department))
        {
            return Problems.CannotWrite(services.Caller, existing.Department);
        }
        var (prepared, refusal) = await PrepareAsync(services, patch.ApplyTo(existing), cancellationToken);
        if (prepared is null)
        {
            return refusal!;
        }
        var updated = await services.Pipelines.UpdatePipelineAsync(prepared, cancellationToken);
        await services.Schedules.ApplyAsync(updated, cancellationToken);
        return TypedResults.Ok(updated);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePipeline(
        string name, [AsParameters] PipelineServices services, CancellationToken cancellationToken)
    {
        if (await services.Pipelines.GetPipelineAsync(name, cancellationToken) is not { } existing)
        {
            return PipelineNotFound(name);
        }
        if (!services.Caller.CanWrite(existing.Department))
        {
            return Problems.CannotWrite(services.Caller, existing.Department);
        }
        await services.Schedules.RemoveAsync(name, cancellationToken);
        await services.Pipelines.DeletePipelineAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted<PipelineRun>, ProblemHttpResult>> StartRun(
        string name, [AsParameters] PipelineServices services, CancellationToken cancellationToken)
    {
        if (await services.Pipelines.GetPipelineAsync(name, cancellationToken) is not { } existing)
        {
            return PipelineNotFound(name);
        }
        if (!services.Caller.CanWrite(existing.Department))
        {
            return Problems.CannotWrite(services.Caller, existing.Department);
        }
        if (await services.Runner.StartAsync(name, PipelineTrigger.Manual, cancellationToken) is not { } run)
        {
            return TypedResults.Problem($"Pipeline '{name}' is running already: one run at a time.", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Accepted($"/api/v1/pipelines/{name}/runs/{run.Id}", run);
    }

    public static async Task<Results<Ok<IReadOnlyList<PipelineRun>>, ProblemHttpResult>> ListRuns(
        string name, int? limit, [AsParameters] PipelineServices services, CancellationToken cancellationToken)
    {
        var page = limit ?? DefaultRunsPage;
        if (page is < 1 or > MaxRunsPage)
        {
            return Problems.Invalid("limit", $"must be between 1 and {MaxRunsPage}, not {page}.");
        }
        if (await services.Pipelines.GetPipelineAsync(name, cancellationToken) is null)
        {
            return PipelineNotFound(name);
        }
        return TypedResults.Ok(await services.Pipelines.ListRunsAsync(name, page, cancellationToken));
    }

    public static async Task<Results<Ok<PipelineRun>, ProblemHttpResult>> GetRun(
        string name, long id, [AsParameters] PipelineServices services, CancellationToken cancellationToken) =>
        await services.Pipelines.GetRunAsync(name, id, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : Problems.NotFound($"Pipeline '{name}' has no run {id}.");

    /// <summary>The definition ready to store, or the problem saying why it is refused.</summary>
    private static async Task<(Pipeline? Prepared, ProblemHttpResult? Refusal)> PrepareAsync(
        PipelineServices services, Pipeline draft, CancellationToken cancellationToken)
    {
        try
        {
            return (await services.Definitions.PrepareAsync(draft, cancellationToken), null);
        }
        catch (PipelineException refused)
        {
            return (null, Problems.Invalid(refused.Field, refused.Message));
        }
    }

    private static ProblemHttpResult PipelineNotFound(string name) => Problems.NotFound($"Pipeline '{name}' does not exist.");
}

/// <summary>What the pipeline handlers need.</summary>
public sealed record PipelineServices(
    ICatalogStore Catalog, IPipelineStore Pipelines, PipelineDefinitions Definitions, PipelineRunner Runner,
    PipelineSchedules Schedules, ClaimsPrincipal User)
{
    public Caller Caller => Caller.From(User);
}
