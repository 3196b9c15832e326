using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace OpenData.Api;

/// <summary>The answer of <c>GET /api/v1/sql/queries/{id}</c>: where the job stands and, once it succeeded, what it holds.</summary>
/// <param name="Progress">0 to 1; null while DuckDB cannot estimate it.</param>
/// <param name="Rows">The rows kept, at most max_rows; null until the job succeeded.</param>
/// <param name="Truncated">True when the query had more rows than max_rows; null until the job succeeded.</param>
/// <param name="ExpiresAt">When the job and its result are discarded; null while it runs.</param>
/// <param name="Error">Why it failed or was cancelled, as the SQL endpoint would have answered it.</param>
public sealed record SqlQueryStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("state")] SqlQueryState State,
    [property: JsonPropertyName("sql")] string Sql,
    [property: JsonPropertyName("progress")] double? Progress,
    [property: JsonPropertyName("elapsed_ms")] long ElapsedMs,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("max_rows")] long MaxRows,
    [property: JsonPropertyName("rows")] long? Rows,
    [property: JsonPropertyName("truncated")] bool? Truncated,
    [property: JsonPropertyName("columns")] IReadOnlyList<SqlQueryColumn>? Columns,
    [property: JsonPropertyName("error")] ProblemDetails? Error);
