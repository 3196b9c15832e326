namespace OpenData.Pipelines;

/// <summary>A dataset as pipeline SQL names it: <c>"department"."dataset"</c>.</summary>
public sealed record DatasetName(string Department, string Dataset)
{
    /// <summary>"department/dataset", as in grants and <see cref="Catalog.Pipeline.Inputs"/>.</summary>
    public override string ToString() => $"{Department}/{Dataset}";

    public static DatasetName Parse(string name) =>
        name.Split('/') is [var department, var dataset] ? new(department, dataset) : throw new FormatException($"'{name}' is not department/dataset.");
}
