using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Catalog;

namespace OpenData.Api.Portal.Datasets;

/// <summary>The create and edit forms: both send <see cref="Form"/> to the API's own handler, with its checks.</summary>
public abstract class DatasetFormPageModel : PageModel
{
    [BindProperty]
    public DatasetForm Form { get; set; } = new();

    /// <summary>Why the API refused the form, shown above it.</summary>
    public string? Problem { get; private set; }

    /// <summary>Runs the handler; on success shows the dataset's page, else the form again with the API's reason.</summary>
    protected async Task<IActionResult> SubmitAsync(Func<DatasetServices, CancellationToken, Task<IResult>> handler)
    {
        IResult answer;
        try
        {
            answer = await handler(ApiHandlers.Services<DatasetServices>(HttpContext), HttpContext.RequestAborted);
        }
        catch (CatalogException refused)
        {
            // The catalog's own refusals (a slug taken) reach API clients through the API's exception handler.
            return Refused(refused.Message, ApiExceptionHandler.StatusOf(refused.Kind));
        }
        if (ApiHandlers.Value<Dataset>(answer) is { } saved)
        {
            return LocalRedirect($"/datasets/{saved.Department}/{saved.Slug}");
        }
        var problem = (answer as ProblemHttpResult)?.ProblemDetails;
        return Refused(problem?.Detail ?? "The API refused the dataset.", problem?.Status ?? StatusCodes.Status400BadRequest);
    }

    private PageResult Refused(string problem, int status)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }
}
