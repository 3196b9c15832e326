using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Api.Portal.Datasets;
using OpenData.Catalog;

namespace OpenData.Api.Portal.Pages.Departments;

/// <summary>
/// Upload a file to a dataset. With the script, the file goes to PUT /api/v1/datasets/{department}/{dataset}/data
/// as the request body (a real progress bar, no size limit but the API's), and the result comes from the Result
/// handler. Without it the form posts here and <see cref="DatasetDataApi.UploadData"/> reads the same request:
/// the body is buffered so that the anti-forgery check can read the form first, up to the API's own limit for a
/// publisher (<see cref="PublisherUploadSize"/>).
/// </summary>
[RequestFormLimits(BufferBody = true, BufferBodyLengthLimit = long.MaxValue, MultipartBodyLengthLimit = long.MaxValue)]
[TypeFilter<PublisherUploadSize>]
public sealed class UploadModel(ICatalogStore catalog) : PageModel
{
    public Dataset Dataset { get; private set; } = null!;

    public UploadOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string department, string dataset) =>
        await FindWritableAsync(department, dataset) ?? Page();

    /// <summary>The result of a version the page script uploaded, as the same HTML the form's post shows.</summary>
    public async Task<IActionResult> OnGetResultAsync(string department, string dataset, int version)
    {
        if (await FindWritableAsync(department, dataset) is { } refused)
        {
            return refused;
        }
        var found = ApiHandlers.Value<DatasetVersion>((await VersionsApi.GetVersion(
            department, dataset, version, ApiHandlers.Services<DatasetServices>(HttpContext), HttpContext.RequestAborted)).Result);
        if (found is null)
        {
            return NotFound();
        }
        var rejects = await RejectsReport.ReadAsync(HttpContext, department, dataset, version);
        return Partial("_UploadOutcome", new UploadOutcome(found.Number, found.RowCount, null, rejects?.Rows.Count ?? 0, rejects, found.Checks, null));
    }

    public async Task<IActionResult> OnPostAsync(string department, string dataset, string? mode, int? maxRejectedRows)
    {
        if (await FindWritableAsync(department, dataset) is { } refused)
        {
            return refused;
        }
        // The anti-forgery check read the form already; BufferBody kept the body, so the API handler reads it again.
        Request.Body.Position = 0;
        var query = new UploadQuery(mode, null, null, null, null, null, null, null, null, maxRejectedRows);
        var answer = await DatasetDataApi.UploadData(
            department, dataset, query, Request, ApiHandlers.Services<DatasetDataServices>(HttpContext), HttpContext.RequestAborted);
        if (ApiHandlers.Value<UploadResult>(answer.Result) is { } uploaded)
        {
            var rejects = await RejectsReport.ReadAsync(HttpContext, department, dataset, uploaded.Version);
            Outcome = new UploadOutcome(uploaded.Version, uploaded.VersionRows, uploaded.Rows, uploaded.RejectedRows, rejects, uploaded.Checks, null);
        }
        else
        {
            var problem = (answer.Result as ProblemHttpResult)?.ProblemDetails;
            Outcome = UploadOutcome.Refused(problem?.Detail ?? problem?.Title ?? "The upload failed.");
            Response.StatusCode = problem?.Status ?? StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    /// <summary>Null when the caller may publish to the dataset (then <see cref="Dataset"/> is set), else the answer.</summary>
    private async Task<IActionResult?> FindWritableAsync(string department, string dataset)
    {
        (var found, var refused) = await PublisherAccess.FindWritableAsync(this, catalog, department, dataset);
        Dataset = found!;
        return refused;
    }
}
