using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;

namespace OpenData.Api;

/// <summary>
/// With a schema contract, the columns a dataset names (personal, key, partition, sort) must be contract columns:
/// otherwise the first upload would fail far from the mistake. Without a contract, uploads define the columns.
/// </summary>
public static class DatasetColumnsCheck
{
    /// <summary>The problem with the first column that is not in the contract, or null.</summary>
    public static ProblemHttpResult? Check(Dataset dataset)
    {
        if (dataset.Contract is null)
        {
            return null;
        }
        var contract = dataset.Contract.Select(column => column.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, columns) in new[]
        {
            ("personalColumns", dataset.PersonalColumns), ("primaryKey", dataset.PrimaryKey),
            ("partitionColumns", dataset.PartitionColumns), ("sortColumns", dataset.SortColumns),
        })
        {
            if (columns.FirstOrDefault(column => !contract.Contains(column)) is { } missing)
            {
                return Problems.Unprocessable(field, $"'{missing}' is not a column of the schema contract.");
            }
        }
        return null;
    }
}
