using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenData.Api;

/// <summary>How catalog documents (DCAT, CKAN) are sent: non-ASCII text as itself, as the SQL endpoint writes it.</summary>
public static class CatalogJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = SqlValues.JsonOptions.Encoder };

    public static IResult Result(JsonNode document, string contentType = "application/json", int statusCode = StatusCodes.Status200OK) =>
        Results.Text(document.ToJsonString(Options), contentType + "; charset=utf-8", statusCode: statusCode);
}
