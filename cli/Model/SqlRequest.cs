using System.Text.Json.Serialization;

namespace OpenData.Cli;

/// <summary>The body of <c>POST /api/v1/sql</c>; the limits are left to the server's defaults when null.</summary>
public sealed record SqlRequest(
    string Sql,
    string Format,
    [property: JsonPropertyName("max_rows")] int? MaxRows,
    [property: JsonPropertyName("timeout_ms")] int? TimeoutMs);
