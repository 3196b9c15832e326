using System.Security.Claims;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>Who is calling and what they may see and write, from the claims of their API key (none: anonymous).</summary>
public sealed record Caller(ApiKeyRole? Role, string? Department, string Name)
{
    public const string DepartmentClaim = "opendata:department";

    public static Caller Anonymous { get; } = new(null, null, "anonymous");

    public static Caller From(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role);
        return role is null
            ? Anonymous
            : new Caller(Enum.Parse<ApiKeyRole>(role, ignoreCase: true), user.FindFirstValue(DepartmentClaim), user.Identity?.Name ?? "unknown");
    }

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    /// <summary>Admins write everywhere; a publisher only in its own department.</summary>
    public bool CanWrite(string department) =>
        IsAdmin || (Role == ApiKeyRole.Publisher && string.Equals(Department, department, StringComparison.Ordinal));

    /// <summary>Whether the caller owns the dataset's data: it sees everything of it, personal statistics included.</summary>
    public bool Owns(Dataset dataset) => CanWrite(dataset.Department);

    /// <summary>The access levels visible in every department (null: all); <see cref="Owns"/> adds the own department's.</summary>
    public IReadOnlyCollection<AccessLevel>? VisibleLevels => Role switch
    {
        ApiKeyRole.Admin => null,
        ApiKeyRole.Analyst => [AccessLevel.Public, AccessLevel.Internal],
        // Internal is for analysts and the owning department (ARCHITECTURE.md), not for other departments.
        _ => [AccessLevel.Public],
    };

    public bool CanSee(Dataset dataset) =>
        Owns(dataset) || VisibleLevels is null || VisibleLevels.Contains(dataset.Access);

    /// <summary>The catalog query limited to what this caller may see.</summary>
    public DatasetQuery Limit(DatasetQuery query) => query with
    {
        AccessLevels = VisibleLevels,
        OwnerDepartment = Role == ApiKeyRole.Publisher ? Department : null,
    };
}
