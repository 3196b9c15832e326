using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>…/versions: a dataset's snapshots, for whoever may see the dataset.</summary>
public static class VersionsApi
{
    public static IEndpointRouteBuilder MapVersionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/datasets/{department}/{dataset}/versions").WithTags("Versions");
        group.MapGet("", ListVersions)
            .WithName("ListVersions")
            .WithSummary("Lists the dataset's kept versions, newest first.");
        group.MapGet("/{number:int}", GetVersion)
            .WithName("GetVersion")
            .WithSummary("Gets one version with its files, schema and statistics.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<VersionSummary>>, ProblemHttpResult>> ListVersions(
        string department, string dataset, [AsParameters] DatasetServices services, CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (await DatasetVisibility.FindAsync(services.Catalog, caller, department, dataset, cancellationToken) is not { } found)
        {
            return Problems.DatasetNotFound(department, dataset);
        }
        var versions = await services.Catalog.ListVersionsAsync(department, dataset, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<VersionSummary>>(
            versions.Select(version => version with { Checks = DatasetVisibility.Checks(caller, found, version.Checks) }).ToList());
    }

    public static async Task<Results<Ok<DatasetVersion>, ProblemHttpResult>> GetVersion(
        string department, string dataset, int number, [AsParameters] DatasetServices services, CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (await DatasetVisibility.FindAsync(services.Catalog, caller, department, dataset, cancellationToken) is not { } found)
        {
            return Problems.DatasetNotFound(department, dataset);
        }
        if (await services.Catalog.GetVersionAsync(department, dataset, number, cancellationToken) is not { } version)
        {
            return Problems.VersionNotFound(department, dataset, number);
        }
        return TypedResults.Ok(DatasetVisibility.Version(caller, found, version));
    }
}
