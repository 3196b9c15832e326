using System.Security.Claims;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>Who is calling and what they may see and write, from the claims of their API key (none: anonymous).</summary>
/// <param name="Name">For messages and version authors: "key name [key id]", or "anonymous".</param>
public sealed record Caller(ApiKeyRole? Role, string? Department, string Name)
{
    public const string DepartmentClaim = "opendata:department";

    public const string KeyNameClaim = "opendata:key-name";

    /// <summary>One claim per grant, "department/dataset".</summary>
    public const string GrantClaim = "opendata:grant";

    public static Caller Anonymous { get; } = new(null, null, "anonymous");

    /// <summary>The API key's id (as in GET /api/v1/keys and the audit log); null when anonymous.</summary>
    public string? KeyId { get; init; }

    /// <summary>The API key's name as its admin gave it; null when anonymous.</summary>
    public string? KeyName { get; init; }

    /// <summary>Datasets the key was granted by name, "department/dataset": visible whatever their access level.
    /// Pass these to anything that decides what the caller may read (the query engine, downloads).</summary>
    public IReadOnlyCollection<string> Grants { get; init; } = [];

    public static Caller From(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role);
        return role is null
            ? Anonymous
            : new Caller(Enum.Parse<ApiKeyRole>(role, ignoreCase: true), user.FindFirstValue(DepartmentClaim), user.Identity?.Name ?? "unknown")
            {
                KeyId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                KeyName = user.FindFirstValue(KeyNameClaim),
                Grants = user.FindAll(GrantClaim).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal),
            };
    }

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    /// <summary>Admins write everywhere; a publisher only in its own department.</summary>
    public bool CanWrite(string department) =>
        IsAdmin || (Role == ApiKeyRole.Publisher && string.Equals(Department, department, StringComparison.Ordinal));

    /// <summary>Whether the caller owns the dataset's data: it sees everything of it, personal statistics included.</summary>
    public bool Owns(Dataset dataset) => CanWrite(dataset.Department);

    /// <summary>The access levels visible in every department (null: all); <see cref="Owns"/> adds the own department's,
    /// <see cref="Grants"/> the datasets granted by name.</summary>
    public IReadOnlyCollection<AccessLevel>? VisibleLevels => Role switch
    {
        ApiKeyRole.Admin => null,
        ApiKeyRole.Analyst => [AccessLevel.Public, AccessLevel.Internal],
        // Internal is for analysts and the owning department (ARCHITECTURE.md), not for other departments.
        _ => [AccessLevel.Public],
    };

    public bool IsGranted(string department, string dataset) => Grants.Contains(DatasetGrant.Name(department, dataset));

    public bool CanSee(Dataset dataset) =>
        Owns(dataset) || VisibleLevels is null || VisibleLevels.Contains(dataset.Access) || IsGranted(dataset.Department, dataset.Slug);

    /// <summary>The catalog query limited to what this caller may see.</summary>
    public DatasetQuery Limit(DatasetQuery query) => query with
    {
        AccessLevels = VisibleLevels,
        OwnerDepartment = Role == ApiKeyRole.Publisher ? Department : null,
        GrantedDatasets = [.. Grants],
    };
}
