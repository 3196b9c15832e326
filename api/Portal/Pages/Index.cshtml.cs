using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Api.Portal.Catalog;

namespace OpenData.Api.Portal.Pages;

public sealed class IndexModel(CatalogSearch search) : PageModel
{
    public const int Recent = 5;

    public CatalogSearchResult RecentlyUpdated { get; private set; } = null!;

    public async Task OnGetAsync() =>
        RecentlyUpdated = await search.SearchAsync(new CatalogSearchRequest { Sort = CatalogSort.Updated }, Caller.From(User), HttpContext.RequestAborted);
}
