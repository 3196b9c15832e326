using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Catalog;

namespace OpenData.Api.Portal.Pages.Departments;

/// <summary>A department's datasets; for its publishers and admins also its streams and pipelines with their state.</summary>
public sealed class ShowModel(ICatalogStore catalog, CatalogEntries entries) : PageModel
{
    public Department Department { get; private set; } = null!;

    public IReadOnlyList<CatalogEntry> Datasets { get; private set; } = [];

    public bool CanWrite { get; private set; }

    public IReadOnlyList<StreamView> Streams { get; private set; } = [];

    /// <summary>Each pipeline with its newest run (null before the first).</summary>
    public IReadOnlyList<(Pipeline Pipeline, PipelineRun? LastRun)> Pipelines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string department)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        if (await catalog.GetDepartmentAsync(department, cancellationToken) is not { } found)
        {
            return NotFoundPage.For(this);
        }
        Department = found;
        Datasets = await entries.EntriesAsync(
            (await catalog.ListDatasetsAsync(department, cancellationToken)).Where(caller.CanSee), cancellationToken);
        CanWrite = caller.CanWrite(department);
        if (CanWrite)
        {
            Streams = (await StreamsApi.VisibleAsync(ApiHandlers.Services<StreamServices>(HttpContext), cancellationToken))
                .Where(stream => stream.Department == department).ToList();
            var services = ApiHandlers.Services<PipelineServices>(HttpContext);
            var pipelines = new List<(Pipeline, PipelineRun?)>();
            foreach (var pipeline in ApiHandlers.Value<IReadOnlyList<Pipeline>>(await PipelinesApi.ListPipelines(department, services, cancellationToken)) ?? [])
            {
                var runs = ApiHandlers.Value<IReadOnlyList<PipelineRun>>((await PipelinesApi.ListRuns(pipeline.Name, 1, services, cancellationToken)).Result);
                pipelines.Add((pipeline, runs?.FirstOrDefault()));
            }
            Pipelines = pipelines;
        }
        return Page();
    }
}
