using Microsoft.AspNetCore.Mvc;
using OpenData.Api.Portal.Datasets;

namespace OpenData.Api.Portal.Pages.Departments;

/// <summary>Create a dataset of the department, through the API's own handler (its checks, its errors).</summary>
public sealed class NewDatasetModel : DatasetFormPageModel
{
    public string Department { get; private set; } = "";

    public IActionResult OnGet(string department)
    {
        Department = department;
        return PublisherAccess.Refusal(this, department) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string department)
    {
        Department = department;
        return PublisherAccess.Refusal(this, department)
            ?? await SubmitAsync(async (services, cancellationToken) =>
                (await DatasetsApi.CreateDataset(Form.ToRequest(department), services, cancellationToken)).Result);
    }
}
