using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// What a new key may be granted: existing restricted datasets, named "department/dataset". A grant to a public or
/// internal dataset is refused rather than stored, so that it cannot lie dormant and open the dataset to this key
/// the day its owner makes it restricted. Admin keys see everything and take no grants.
/// </summary>
public static class KeyGrantsCheck
{
    public static async Task<ProblemHttpResult?> CheckAsync(
        ICatalogStore catalog, ApiKeyRole role, IReadOnlyList<string> grants, CancellationToken cancellationToken)
    {
        if (grants.Count > 0 && role == ApiKeyRole.Admin)
        {
            return Problems.Invalid("grants", "an admin key sees every dataset and takes no grants.");
        }
        foreach (var grant in grants)
        {
            if (DatasetGrant.Parse(grant) is not { } name)
            {
                return Problems.Invalid("grants", $"'{grant}' is not 'department/dataset'.");
            }
            var dataset = await catalog.GetDatasetAsync(name.Department, name.Dataset, cancellationToken);
            if (dataset is null)
            {
                return Problems.Unprocessable("grants", $"Dataset '{grant}' does not exist.");
            }
            if (dataset.Access != AccessLevel.Restricted)
            {
                return Problems.Unprocessable(
                    "grants", $"Dataset '{grant}' is {dataset.Access.ToString().ToLowerInvariant()}, not restricted: grants are for restricted datasets only.");
            }
        }
        return null;
    }
}
