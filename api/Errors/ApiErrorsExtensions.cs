using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace OpenData.Api;

/// <summary>One error shape everywhere (RFC 9457 problem details with the request path as instance) and the JSON conventions.</summary>
public static class ApiErrorsExtensions
{
    public static WebApplicationBuilder AddApiErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}");
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // Unreadable requests throw, so ApiExceptionHandler can say what was wrong instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        return builder;
    }
}
