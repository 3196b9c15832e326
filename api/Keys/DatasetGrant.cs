namespace OpenData.Api;

/// <summary>How a key's grant names a dataset: "department/dataset", as in <see cref="Caller.Grants"/>.</summary>
public static class DatasetGrant
{
    public static string Name(string department, string dataset) => $"{department}/{dataset}";

    /// <summary>The two slugs of a grant, or null when it is not "department/dataset".</summary>
    public static (string Department, string Dataset)? Parse(string grant) =>
        grant.Split('/') is [var department, var dataset] && department.Length > 0 && dataset.Length > 0
            ? (department, dataset)
            : null;
}
