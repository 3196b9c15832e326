using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenData.Api.Portal.Pages.SqlConsole;

/// <summary>
/// The analyst SQL console. With scripts (console.js), a query runs as a job of /api/v1/sql/queries with progress
/// and cancel, and its pages are this page's <c>Result</c> fragment. Without them the form's POST runs the query
/// to its end and redirects to <c>/console?job=…</c>, which shows its first page; paging and downloads are links.
/// </summary>
public sealed class IndexModel(SqlQueryJobs jobs, SqlQueryResults results, SqlOptions sqlOptions, SqlQueriesOptions options) : PageModel
{
    /// <summary>The query in the editor: from a shared link (?sql=…), the form, or the job shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sql { get; set; }

    public ConsoleResult? Result { get; private set; }

    /// <summary>Why the query could not start (or the job is gone), in the SQL endpoint's words.</summary>
    public string? Error { get; private set; }

    public bool SignedIn => Caller.From(User).KeyId is not null;

    /// <summary>A link that opens the console on this query and runs it (when the visitor is signed in and has scripts).</summary>
    public string ShareLink(string sql) => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/console?run=1&sql={Uri.EscapeDataString(sql)}";

    public async Task OnGetAsync(string? job, long offset = 0)
    {
        if (job is null)
        {
            return;
        }
        if (jobs.Find(Caller.From(User), job) is not { } found)
        {
            Error = "This query does not exist any more: results are kept for a while, and only for the key that ran them. Run it again.";
            return;
        }
        Sql ??= found.Request.Sql;
        Result = await ConsoleResult.ReadAsync(found, results, offset, options.DefaultPageSize, HttpContext.RequestAborted);
    }

    /// <summary>One page of a job's result as an HTML fragment, for the script.</summary>
    public async Task<IActionResult> OnGetResultAsync(string job, long offset = 0)
    {
        if (jobs.Find(Caller.From(User), job) is not { } found)
        {
            return NotFound();
        }
        return Partial("_Result", await ConsoleResult.ReadAsync(found, results, offset, options.DefaultPageSize, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var caller = Caller.From(User);
        if (!SignedIn)
        {
            Error = "Sign in to run queries.";
            return Page();
        }
        if (new SqlQueryRequest(Sql).TryRead(caller, sqlOptions, options, out var request) is { } invalid)
        {
            Error = invalid.ProblemDetails.Detail;
            return Page();
        }
        var (job, refused) = await jobs.StartAsync(caller, request);
        if (job is null)
        {
            Error = refused!.ProblemDetails.Detail;
            return Page();
        }
        // A visitor who leaves does not want the answer any more.
        await using (HttpContext.RequestAborted.Register(() => job.Cancel()))
        {
            await job.Completion;
        }
        return LocalRedirect($"/console?job={job.Id}");
    }
}
