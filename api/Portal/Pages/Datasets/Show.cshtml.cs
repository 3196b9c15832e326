using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenData.Api.Portal.Datasets;
using OpenData.Catalog;

namespace OpenData.Api.Portal.Pages.Datasets;

/// <summary>A dataset's page. Everything on it comes through the HTTP API's handlers or the SQL sandbox, as the
/// signed-in key (or the public) would get it from the API.</summary>
public sealed class ShowModel(DataPreview preview, CatalogEntries entries) : PageModel
{
    public DatasetDetails Details { get; private set; } = null!;

    public Dataset Dataset => Details.Dataset;

    public Department? Owner { get; private set; }

    public IReadOnlyList<SchemaColumn> Columns { get; private set; } = [];

    public IReadOnlyList<VersionHistoryEntry> Versions { get; private set; } = [];

    public RowsTable? Preview { get; private set; }

    public LineageGraph? Lineage { get; private set; }

    /// <summary>schema.org Dataset JSON-LD (api/Dcat), only for public datasets.</summary>
    public string? JsonLd { get; private set; }

    public bool CanWrite { get; private set; }

    public string BaseUrl => CatalogLinks.From(Request).BaseUrl;

    public string PreviewSql => DataPreview.PreviewSql(Dataset);

    public async Task<IActionResult> OnGetAsync(string department, string dataset)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        var details = ApiHandlers.Value<DatasetDetails>(
            (await DatasetsApi.GetDataset(department, dataset, ApiHandlers.Services<DatasetServices>(HttpContext), cancellationToken)).Result);
        if (details is null)
        {
            return NotFoundPage.For(this);
        }
        Details = details;
        CanWrite = caller.CanWrite(department);
        // Before the first upload the contract describes the columns; the visibility rules filter it like a schema.
        Columns = details.CurrentVersion is null && details.Dataset.Contract is { } contract
            ? DatasetVisibility.Schema(caller, details.Dataset, contract.Select(column => new SchemaColumn(column.Name, column.Type)).ToList())
            : details.Schema;
        Versions = await VersionHistory.ReadAsync(HttpContext, department, dataset);
        Preview = await preview.ReadAsync(caller, details.Dataset, cancellationToken);
        Lineage = ApiHandlers.Value<LineageGraph>(
            (await LineageApi.GetLineage(department, dataset, ApiHandlers.Services<LineageServices>(HttpContext), cancellationToken)).Result);
        var entry = await entries.FindAsync(caller, department, dataset, cancellationToken);
        Owner = entry?.Department;
        JsonLd = entry is null ? null : SchemaOrgDataset.Build(entry.Dataset, entry.Department, entry.Current, BaseUrl)?.ToJsonString();
        return Page();
    }

    public string? DescriptionOf(string column) =>
        Dataset.Contract?.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.Ordinal))?.Description;

    public bool IsPersonal(string column) => Dataset.PersonalColumns.Contains(column, StringComparer.Ordinal);

    public string DownloadUrl(string format) => $"/data/{Dataset.Department}/{Dataset.Slug}.{format}";
}
