using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api;

/// <summary>The body of <c>POST /api/v1/sql/queries</c>: the SQL endpoint's fields but the format, which is chosen when the result is read.</summary>
/// <param name="Sql">One SELECT statement.</param>
/// <param name="MaxRows">At most this many rows are kept (default and maximum: SqlQueries:MaxRows).</param>
/// <param name="TimeoutMs">The query is stopped after this many milliseconds (default: SqlQueries:DefaultTimeout).</param>
public sealed record SqlQueryRequest(
    [property: JsonPropertyName("sql")] string? Sql,
    [property: JsonPropertyName("max_rows")] long? MaxRows = null,
    [property: JsonPropertyName("timeout_ms")] long? TimeoutMs = null)
{
    /// <summary>The request checked as the SQL endpoint checks its own, with the jobs' defaults, or a 400 problem naming the field.</summary>
    public ProblemHttpResult? TryRead(Caller caller, SqlOptions sql, SqlQueriesOptions queries, out SqlJob job)
    {
        var maxRows = Math.Min(queries.MaxRows, sql.MaxRows);
        if (MaxRows > maxRows)
        {
            job = null!;
            return Problems.Invalid("max_rows", $"must be between 1 and {maxRows}.");
        }
        var timeout = TimeoutMs ?? (long)Math.Min(queries.DefaultTimeout.TotalMilliseconds, sql.MaxTimeoutWithKey.TotalMilliseconds);
        // Parquet: the format whose default row cap is the largest, as fits a result that is kept whole.
        return new SqlRequest(Sql, nameof(SqlFormat.Parquet), MaxRows ?? maxRows, timeout).TryRead(caller, sql, out job);
    }
}
