using OpenData.Api;
using OpenData.Api.Portal;

var builder = WebApplication.CreateBuilder(args);

builder.AddOpenDataOptions();
builder.AddApiErrors();
builder.AddCatalogAndLake();
builder.AddApiKeys();
builder.AddAuditLog();
builder.AddAnonymousRateLimits();
builder.AddDatasetsOptions();
builder.AddUploadOptions();
builder.AddSqlEndpoint();
builder.AddSqlQueries();
builder.AddDownloads();
builder.AddStreaming();
builder.AddCompaction();
builder.AddScheduler();
builder.AddPipelines();
builder.AddDcat();
builder.AddPortal();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseApiKeys();
app.UsePortal();
app.UseAnonymousRateLimits();
app.UseDownloadCompression();
app.MapOpenApi();
app.MapHealthApi();
app.MapKeysApi();
app.MapAuditApi();
app.MapDepartmentsApi();
app.MapDatasetsApi();
app.MapVersionsApi();
app.MapDatasetDataApi();
app.MapSqlApi();
app.MapSqlQueriesApi();
app.MapDownloadsApi();
app.MapStreamsApi();
app.MapMetricsApi();
app.MapCompactionApi();
app.MapPipelinesApi();
app.MapLineageApi();
app.MapDcat().MapCkanApi();
app.MapPortal();

app.Run();
