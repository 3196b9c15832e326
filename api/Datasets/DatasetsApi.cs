using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenData.Catalog;
using OpenData.Pipelines;

namespace OpenData.Api;

/// <summary>/api/v1/datasets: describe, update, search and read datasets, each caller seeing only what its key allows.</summary>
public static class DatasetsApi
{
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/datasets").WithTags("Datasets");
        group.MapPost("", CreateDataset)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("CreateDataset")
            .WithSummary("Describes a new dataset, without data; an admin or the department's publisher.");
        group.MapPatch("/{department}/{dataset}", UpdateDataset)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            .WithName("UpdateDataset")
            .WithSummary("Changes the fields given of a dataset's metadata; an admin or the department's publisher.");
        group.MapGet("", SearchDatasets)
            .WithName("SearchDatasets")
            .WithSummary("Searches title, description and keywords, filtered by department and keywords, among the datasets the caller may see.");
        group.MapGet("/{department}/{dataset}", GetDataset)
            .WithName("GetDataset")
            .WithSummary("Gets a dataset's metadata, current version, schema and statistics.");
        return app;
    }

    public static async Task<Results<Created<Dataset>, ProblemHttpResult>> CreateDataset(
        DatasetRequest request, [AsParameters] DatasetServices services, CancellationToken cancellationToken)
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
        var dataset = request.ToDataset();
        if ((DatasetColumnsCheck.Check(dataset) ?? await ChecksProblemAsync(services, dataset, cancellationToken)) is { } problem)
        {
            return problem;
        }

        var created = await services.Catalog.CreateDatasetAsync(dataset, cancellationToken);
        return TypedResults.Created($"/api/v1/datasets/{created.Department}/{created.Slug}", created);
    }

    public static async Task<Results<Ok<Dataset>, ProblemHttpResult>> UpdateDataset(
        string department, string dataset, DatasetPatch patch, [AsParameters] DatasetServices services,
        CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (!caller.CanWrite(department))
        {
            return Problems.CannotWrite(caller, department);
        }
        if (await services.Catalog.GetDatasetAsync(department, dataset, cancellationToken) is not { } existing)
        {
            return Problems.DatasetNotFound(department, dataset);
        }
        var updated = patch.ApplyTo(existing);
        if ((DatasetColumnsCheck.Check(updated) ?? await ChecksProblemAsync(services, updated, cancellationToken)) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await services.Catalog.UpdateDatasetAsync(updated, cancellationToken));
    }

    public static async Task<Results<Ok<DatasetPage>, ProblemHttpResult>> SearchDatasets(
        [AsParameters] DatasetSearch search, [AsParameters] DatasetServices services, CancellationToken cancellationToken)
    {
        var limit = search.Limit ?? services.Options.DefaultPageSize;
        if (limit < 1 || limit > services.Options.MaxPageSize)
        {
            return Problems.Invalid("limit", $"must be between 1 and {services.Options.MaxPageSize}, not {limit}.");
        }
        var offset = search.Offset ?? 0;
        if (offset < 0)
        {
            return Problems.Invalid("offset", $"cannot be negative ({offset}).");
        }

        var query = services.Caller.Limit(new DatasetQuery
        {
            Text = search.Q,
            Department = search.Department,
            Keywords = search.Keyword ?? [],
            Limit = limit,
            Offset = offset,
        });
        var items = await services.Catalog.SearchDatasetsAsync(query, cancellationToken);
        return TypedResults.Ok(new DatasetPage(items, limit, offset, items.Count == limit ? offset + limit : null));
    }

    public static async Task<Results<Ok<DatasetDetails>, ProblemHttpResult>> GetDataset(
        string department, string dataset, [AsParameters] DatasetServices services, CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (await DatasetVisibility.FindAsync(services.Catalog, caller, department, dataset, cancellationToken) is not { } found)
        {
            return Problems.DatasetNotFound(department, dataset);
        }

        var current = found.CurrentVersion is { } number
            ? await services.Catalog.GetVersionAsync(department, dataset, number, cancellationToken)
            : null;
        return TypedResults.Ok(new DatasetDetails(
            found,
            current is null ? null : Summary(current) with { Checks = DatasetVisibility.Checks(caller, found, current.Checks) },
            DatasetVisibility.Schema(caller, found, current?.Schema ?? []),
            DatasetVisibility.Statistics(caller, found, current?.Statistics ?? []),
            DatasetVisibility.HidesPersonal(caller, found)));
    }

    /// <summary>Why the dataset's checks are refused, or null. Their columns are checked against the contract, else the
    /// current version's columns; a dataset with neither has its checks' columns checked when a version is.</summary>
    private static async Task<ProblemHttpResult?> ChecksProblemAsync(DatasetServices services, Dataset dataset, CancellationToken cancellationToken)
    {
        var columns = dataset.Contract?.Select(column => column.Name)
            ?? (dataset.CurrentVersion is { } number
                ? (await services.Catalog.GetVersionAsync(dataset.Department, dataset.Slug, number, cancellationToken))?.Schema.Select(column => column.Name)
                : null);
        try
        {
            await services.Checks.ValidateAsync(dataset.Checks, columns?.ToHashSet(StringComparer.Ordinal), cancellationToken);
            return null;
        }
        catch (PipelineException refused)
        {
            return Problems.Invalid(refused.Field, refused.Message);
        }
    }

    // The summary alone, so the answer does not repeat the schema and statistics or list the lake's files.
    private static VersionSummary Summary(DatasetVersion version) => new()
    {
        Department = version.Department,
        Dataset = version.Dataset,
        Number = version.Number,
        CreatedAt = version.CreatedAt,
        CreatedBy = version.CreatedBy,
        Mode = version.Mode,
        RowCount = version.RowCount,
        Bytes = version.Bytes,
        Source = version.Source,
        SupersededAt = version.SupersededAt,
    };
}

/// <summary>What the dataset handlers need; <see cref="Caller"/> is the key's role and department.</summary>
public sealed record DatasetServices(ICatalogStore Catalog, DatasetsOptions Options, DatasetChecks Checks, ClaimsPrincipal User)
{
    public Caller Caller => Caller.From(User);
}

/// <summary>The query of GET /api/v1/datasets: <c>q</c> is search text, <c>keyword</c> may repeat (all must match).</summary>
public sealed record DatasetSearch(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "department")] string? Department,
    [FromQuery(Name = "keyword")] string[]? Keyword,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "offset")] int? Offset);
