using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>/api/v1/departments: who publishes. Creating one (admin) also creates its publisher key, shown once.</summary>
public static class DepartmentsApi
{
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/departments").WithTags("Departments");
        group.MapPost("", CreateDepartment)
            .RequireAuthorization(ApiKeyPolicies.Admin)
            .WithName("CreateDepartment")
            .WithSummary("Creates a department and its publisher key; the key is in this answer only.");
        group.MapGet("", ListDepartments)
            .WithName("ListDepartments")
            .WithSummary("Lists every department by slug.");
        group.MapGet("/{department}", GetDepartment)
            .WithName("GetDepartment")
            .WithSummary("Gets one department.");
        return app;
    }

    public static async Task<Results<Created<DepartmentCreated>, ProblemHttpResult>> CreateDepartment(
        DepartmentRequest request, [AsParameters] DepartmentServices services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Slug))
        {
            return Problems.Invalid("slug", "is required.");
        }
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.Invalid("name", "is required.");
        }

        var department = await services.Catalog.CreateDepartmentAsync(
            new Department(request.Slug, request.Name, request.Contact ?? ""), cancellationToken);
        // Two stores, no shared transaction: if this fails, an admin can make another publisher key with POST /api/v1/keys.
        var (_, secret) = await services.Keys.CreateAsync($"{department.Slug} publisher", ApiKeyRole.Publisher, department.Slug, cancellationToken);
        return TypedResults.Created($"/api/v1/departments/{department.Slug}", new DepartmentCreated(department, secret));
    }

    public static async Task<Ok<IReadOnlyList<Department>>> ListDepartments(ICatalogStore catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListDepartmentsAsync(cancellationToken));

    public static async Task<Results<Ok<Department>, ProblemHttpResult>> GetDepartment(
        string department, ICatalogStore catalog, CancellationToken cancellationToken) =>
        await catalog.GetDepartmentAsync(department, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : Problems.NotFound($"Department '{department}' does not exist.");
}

/// <summary>The body of POST /api/v1/departments.</summary>
public sealed record DepartmentRequest(string? Slug, string? Name, string? Contact);

/// <summary>The answer to POST /api/v1/departments: the publisher key appears here and nowhere else.</summary>
public sealed record DepartmentCreated(Department Department, string PublisherKey);

/// <summary>What the department handlers need.</summary>
public sealed record DepartmentServices(ICatalogStore Catalog, ApiKeyStore Keys);
