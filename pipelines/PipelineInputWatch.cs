using OpenData.Catalog;

namespace OpenData.Pipelines;

/// <summary>
/// Finds the pipelines that run on input change and have an input whose current version their last run did not read
/// (or that never ran). Reading the catalog's pointers catches every way a version appears: uploads, streams,
/// other pipelines.
/// </summary>
public sealed class PipelineInputWatch(ICatalogStore catalog, IPipelineStore pipelines)
{
    public async Task<IReadOnlyList<string>> FindDueAsync(CancellationToken cancellationToken)
    {
        var current = (await catalog.ListDatasetsAsync(cancellationToken: cancellationToken))
            .ToDictionary(d => $"{d.Department}/{d.Slug}", d => d.CurrentVersion, StringComparer.Ordinal);
        var due = new List<string>();
        foreach (var pipeline in await pipelines.ListPipelinesAsync(cancellationToken: cancellationToken))
        {
            // An input without a version would only make a failed run; it is due once it has one.
            if (!pipeline.OnInputChange || pipeline.Inputs.Any(input => current.GetValueOrDefault(input) is null))
            {
                continue;
            }
            var last = (await pipelines.ListRunsAsync(pipeline.Name, 1, cancellationToken)).FirstOrDefault();
            var read = last?.Inputs.ToDictionary(i => $"{i.Department}/{i.Dataset}", i => i.Version, StringComparer.Ordinal);
            if (read is null || pipeline.Inputs.Any(input => read.GetValueOrDefault(input) != current[input]))
            {
                due.Add(pipeline.Name);
            }
        }
        return due;
    }
}
