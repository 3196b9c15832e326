using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Catalog;

namespace OpenData.Api.Portal.Pages.Departments;

public sealed class IndexModel(ICatalogStore catalog) : PageModel
{
    /// <summary>Every department with how many of its datasets the caller may see.</summary>
    public IReadOnlyList<(Department Department, int Datasets)> Departments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        var visible = (await catalog.ListDatasetsAsync(cancellationToken: cancellationToken)).Where(caller.CanSee)
            .CountBy(dataset => dataset.Department).ToDictionary(StringComparer.Ordinal);
        Departments = (await catalog.ListDepartmentsAsync(cancellationToken))
            .Select(department => (department, visible.GetValueOrDefault(department.Slug)))
            .ToList();
    }
}
