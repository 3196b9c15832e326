using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.DuckDB;

namespace OpenData.Api;

/// <summary>
/// The SQL endpoint's problems: 400 for SQL that is refused or that DuckDB cannot parse or bind (with DuckDB's own
/// message), 422 for a query that is valid but could not finish within its limits (time, memory, value range).
/// 422 rather than 408 or 504: the server did not wait for the client, nor for another server, and a client
/// must not retry the same query unchanged.
/// </summary>
public static class SqlProblems
{
    public static ProblemHttpResult TimedOut(TimeSpan limit) =>
        TypedResults.Problem(
            $"The query ran longer than its time limit of {(long)limit.TotalMilliseconds} ms and was stopped. " +
            "Narrow it, or ask for a longer timeout_ms within your limit.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Query time limit exceeded");

    /// <summary>The problem for DuckDB's error, or null for an error of DuckDB itself (a 500).</summary>
    public static ProblemHttpResult? Failed(DuckDBException error) => error.ErrorType switch
    {
        DuckDBErrorType.Internal or DuckDBErrorType.Fatal => null,
        DuckDBErrorType.OutOfMemory => TypedResults.Problem(
            $"The query needs more memory than its sandbox has (Sql:MemoryLimit). {error.Message}",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Query memory limit exceeded"),
        _ => Problems.Invalid("sql", error.Message),
    };

    /// <summary>A value .NET cannot hold (a date past year 9999, infinity); the message says to cast it to VARCHAR.</summary>
    public static ProblemHttpResult OutOfRange(OverflowException error) =>
        TypedResults.Problem(error.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Value out of range");
}
