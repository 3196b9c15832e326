using OpenData.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddOpenDataOptions();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealthApi();

app.Run();
