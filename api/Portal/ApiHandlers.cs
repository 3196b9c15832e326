using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api.Portal;

/// <summary>
/// The pages call the HTTP API's own handlers, so a page shows exactly what the API shows the same key: one place
/// decides visibility. These helpers build a handler's [AsParameters] bundle and unwrap its typed result.
/// </summary>
public static class ApiHandlers
{
    /// <summary>A handler's services bundle (e.g. <see cref="DatasetServices"/>) for the signed-in caller, from the
    /// request's services, as minimal APIs bind [AsParameters].</summary>
    public static T Services<T>(HttpContext context) where T : class =>
        ActivatorUtilities.CreateInstance<T>(context.RequestServices, context.User);

    /// <summary>The value of a 200 (or 201) answer; null for a problem (not found, not allowed).</summary>
    public static T? Value<T>(IResult result) where T : class =>
        result is INestedHttpResult nested ? Value<T>(nested.Result) : (result as IValueHttpResult<T>)?.Value;
}
