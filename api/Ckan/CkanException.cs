using System.Text.Json.Nodes;

namespace OpenData.Api;

/// <summary>
/// An action's failure as CKAN reports it: the error object of the envelope, with its <c>__type</c> and the status
/// CKAN answers it with (404 Not Found, 409 Validation, 403 Authorization, 400 Search Query). A validation error names
/// the parameters that are wrong, each with its messages, as CKAN's do; the others carry a message.
/// </summary>
public sealed class CkanException : Exception
{
    private readonly string _type;
    private readonly string? _field;

    private CkanException(string type, int status, string message, string? field = null)
        : base(message)
    {
        _type = type;
        _field = field;
        Status = status;
    }

    public int Status { get; }

    public static CkanException NotFound(string message) =>
        new("Not Found Error", StatusCodes.Status404NotFound, "Not found: " + message);

    public static CkanException Invalid(string field, string message) =>
        new("Validation Error", StatusCodes.Status409Conflict, message, field);

    public static CkanException Forbidden(string message) =>
        new("Authorization Error", StatusCodes.Status403Forbidden, "Access denied: " + message);

    public static CkanException BadQuery(string message) =>
        new("Search Query Error", StatusCodes.Status400BadRequest, "Search Query is invalid: " + message);

    public JsonObject Error() => _field is null
        ? new JsonObject { ["__type"] = _type, ["message"] = Message }
        : new JsonObject { ["__type"] = _type, [_field] = new JsonArray(Message) };
}
