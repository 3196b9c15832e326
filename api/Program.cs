using OpenData.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddOpenDataOptions();
builder.AddApiErrors();
builder.AddCatalogAndLake();
builder.AddApiKeys();
builder.AddDatasetsOptions();
builder.AddUploadOptions();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiKeys();
app.MapOpenApi();
app.MapHealthApi();
app.MapKeysApi();
app.MapDepartmentsApi();
app.MapDatasetsApi();
app.MapVersionsApi();
app.MapDatasetDataApi();

app.Run();
