using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OpenData.Api;

/// <summary>The body of <c>POST /api/v1/sql</c>; <c>GET /api/v1/sql</c> takes the same fields from its query string.</summary>
/// <param name="Sql">One SELECT statement, or EXPLAIN of one.</param>
/// <param name="Format">json (the default), csv, ndjson or parquet.</param>
/// <param name="MaxRows">At most this many rows; more are cut and the answer says so.</param>
/// <param name="TimeoutMs">The query is stopped after this many milliseconds.</param>
public sealed record SqlRequest(
    [property: JsonPropertyName("sql")] string? Sql,
    [property: JsonPropertyName("format")] string? Format = null,
    [property: JsonPropertyName("max_rows")] long? MaxRows = null,
    [property: JsonPropertyName("timeout_ms")] long? TimeoutMs = null)
{
    /// <summary>The request checked against the caller's limits, or a 400 problem naming the field that is wrong.</summary>
    public ProblemHttpResult? TryRead(Caller caller, SqlOptions options, out SqlJob job)
    {
        job = null!;
        if (string.IsNullOrWhiteSpace(Sql))
        {
            return Problems.Invalid("sql", "is required: one SELECT statement.");
        }
        if (!SqlFormats.TryParse(Format, out var format))
        {
            return Problems.Invalid("format", $"must be json, csv, ndjson or parquet, not '{Format}'.");
        }
        if (MaxRows is < 1 || MaxRows > options.MaxRows)
        {
            return Problems.Invalid("max_rows", $"must be between 1 and {options.MaxRows}.");
        }
        var (cap, who) = caller.Role is null
            ? (options.MaxTimeoutAnonymous, "callers without a key")
            : (options.MaxTimeoutWithKey, "callers with a key");
        if (TimeoutMs is < 1 || TimeoutMs > cap.TotalMilliseconds)
        {
            return Problems.Invalid("timeout_ms", $"must be between 1 and {(long)cap.TotalMilliseconds} for {who}.");
        }

        job = new SqlJob(
            Sql,
            format,
            MaxRows ?? (format == SqlFormat.Json ? options.DefaultMaxRows : options.MaxRows),
            TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromTicks(Math.Min(options.DefaultTimeout.Ticks, cap.Ticks)));
        return null;
    }
}

/// <summary>The query string of <c>GET /api/v1/sql</c>, so that a query can be shared as a link.</summary>
public sealed record SqlQueryString(
    [FromQuery(Name = "sql")] string? Sql,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "max_rows")] long? MaxRows,
    [FromQuery(Name = "timeout_ms")] long? TimeoutMs)
{
    public SqlRequest ToRequest() => new(Sql, Format, MaxRows, TimeoutMs);
}

/// <summary>A request that passed its checks: what runs, how the rows are written, and the limits.</summary>
public sealed record SqlJob(string Sql, SqlFormat Format, long MaxRows, TimeSpan Timeout)
{
    /// <summary>Set for a filtered download (GET /data/…), whose SQL was assembled from its parameters.</summary>
    public DownloadTarget? Download { get; init; }
}
