using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api;

/// <summary>The problem details the handlers answer with; type and title come from the status (RFC 9110 links).</summary>
public static class Problems
{
    /// <summary>400 for a missing or malformed field, named in <c>errors</c> as well as in the detail.</summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(
            $"{field}: {message}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    /// <summary>422: each field is well formed, but together they make no sense (a key column that is not in the contract).</summary>
    public static ProblemHttpResult Unprocessable(string field, string message) =>
        TypedResults.Problem(
            $"{field}: {message}",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>404, also for what exists but the caller may not see, so that its existence does not leak.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>429; ASP.NET Core has no default type or title for it, so they are given here (RFC 6585).</summary>
    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too Many Requests",
            type: "https://www.rfc-editor.org/rfc/rfc6585#section-4");

    public static ProblemHttpResult CannotWrite(Caller caller, string department) =>
        Forbidden($"The key '{caller.Name}' may not write datasets of department '{department}'.");

    public static ProblemHttpResult DatasetNotFound(string department, string dataset) =>
        NotFound($"Dataset '{department}/{dataset}' does not exist, or this key may not see it.");

    public static ProblemHttpResult VersionNotFound(string department, string dataset, int number) =>
        NotFound($"Dataset '{department}/{dataset}' has no version {number} (it never existed or is past retention).");
}
