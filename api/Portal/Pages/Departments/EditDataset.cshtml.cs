using Microsoft.AspNetCore.Mvc;
using OpenData.Api.Portal.Datasets;
using OpenData.Catalog;

namespace OpenData.Api.Portal.Pages.Departments;

/// <summary>Edit a dataset's description, through the API's own PATCH handler.</summary>
public sealed class EditDatasetModel(ICatalogStore catalog) : DatasetFormPageModel
{
    public Dataset Dataset { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string department, string dataset)
    {
        if (await FindWritableAsync(department, dataset) is { } refused)
        {
            return refused;
        }
        Form = DatasetForm.From(Dataset);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string department, string dataset) =>
        await FindWritableAsync(department, dataset)
        ?? await SubmitAsync(async (services, cancellationToken) =>
            (await DatasetsApi.UpdateDataset(department, dataset, Form.ToRequest(department), services, cancellationToken)).Result);

    private async Task<IActionResult?> FindWritableAsync(string department, string dataset)
    {
        (var found, var refused) = await PublisherAccess.FindWritableAsync(this, catalog, department, dataset);
        Dataset = found!;
        return refused;
    }
}
