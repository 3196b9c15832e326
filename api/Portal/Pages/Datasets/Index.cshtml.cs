using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Api.Portal.Catalog;

namespace OpenData.Api.Portal.Pages.Datasets;

public sealed class IndexModel(CatalogSearch search) : PageModel
{
    public CatalogSearchResult Result { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Result = await search.SearchAsync(CatalogSearchRequest.From(Request.Query), Caller.From(User), HttpContext.RequestAborted);
}
