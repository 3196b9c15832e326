using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;
using OpenData.Ingest;
using OpenData.Lake;

namespace OpenData.Api;

/// <summary>The problems of a refused upload: the importer's and the lake's exceptions, translated at the edge.</summary>
public static class UploadProblems
{
    /// <summary>422 with the rejects report (<c>rejects</c>, <c>rejectedRows</c>); 400 without rejects: the file cannot be read as asked.</summary>
    public static ProblemHttpResult Rejected(IngestException e) =>
        e.Rejects.Count == 0
            ? TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest)
            : TypedResults.Problem(
                e.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["rejectedRows"] = e.RejectedRows, ["rejects"] = e.Rejects });

    /// <summary>409 when other commits kept landing first; 422 for what the dataset's keys or columns refuse.</summary>
    public static ProblemHttpResult Refused(LakeException e) =>
        TypedResults.Problem(
            e.Message,
            statusCode: e.InnerException is CatalogException { Kind: CatalogErrorKind.VersionConflict }
                ? StatusCodes.Status409Conflict
                : StatusCodes.Status422UnprocessableEntity);
}
