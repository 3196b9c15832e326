using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// <c>GET /data/{department}/{dataset}.{format}</c>: a dataset's version as a file, for whoever may see the dataset,
/// read from the caller's tier (docs/downloads.md). Without Socrata parameters it is the whole file, made once and
/// served with ETag, Last-Modified and ranges; with them it is one SELECT run like an SQL query.
/// </summary>
public static class DownloadsApi
{
    public const string Route = "/data/{department}/{dataset}.{format}";

    /// <summary>Where downloads are: the part of the path that tells them from the API.</summary>
    public const string Prefix = "/data";

    private static readonly string[] FileTypes = ["text/csv", "application/x-ndjson", "application/vnd.apache.parquet"];

    public static IEndpointRouteBuilder MapDownloadsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, Download)
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: FileTypes)
            .Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("Download")
            .WithSummary("Downloads a dataset's current version (or ?version=n) as csv, json, ndjson or parquet; $select, $where, $order, $limit and $offset filter it.")
            .WithTags("Downloads");
        return app;
    }

    public static async Task<IResult> Download(
        string department, string dataset, string format, [AsParameters] DownloadQuery query, HttpContext context,
        [AsParameters] DownloadServices services)
    {
        var clock = Stopwatch.StartNew();
        var caller = Caller.From(services.User);
        var audience = SqlAudiences.For(caller);
        var (target, problem) = await FindAsync(department, dataset, format, query, context.Request, caller, audience, services, context.RequestAborted);
        if (target is not null && DownloadQuery.IsFiltered(context.Request.Query))
        {
            // The runner records it in the audit log, with the SQL that ran.
            return await services.Runner.RunAsync(context, caller, FilteredJob(target, query, caller, services.Sql));
        }
        var gzip = target is not null && target.Format != SqlFormat.Parquet && AcceptsGzip(context.Request);
        var entry = AuditEntry.For(caller, AuditAction.Download) with
        {
            Datasets = [DatasetGrant.Name(department, dataset)],
            Rows = target?.Version.RowCount,
            Detail = $"{context.Request.Path}{Uri.UnescapeDataString(context.Request.QueryString.Value ?? "")}{(gzip ? " (gzip)" : "")}",
        };
        IResult answer;
        try
        {
            answer = target is null ? problem! : await WholeFileAsync(target, audience, gzip, context, services.Cache);
        }
        catch (DuckDBException error) when (error.ErrorType == DuckDBErrorType.Catalog)
        {
            // The engine's own SELECT of the version's view failed for want of the view: the version expired meanwhile,
            // or the tier has no copy of it (versions committed before the dataset was made public have no public copy).
            answer = Problems.NotFound($"Version {target!.Version.Number} of '{department}/{dataset}' has no copy that this key may download.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            answer = Results.StatusCode(SqlRunner.ClientClosedRequest);
        }
        return new AuditedResult(answer, services.Audit, entry, clock);
    }

    /// <summary>The version the request names as the caller's tier shows it, or the 400 or 404 problem that answers instead.</summary>
    private static async Task<(DownloadTarget? Target, ProblemHttpResult? Problem)> FindAsync(
        string department, string dataset, string format, DownloadQuery query, HttpRequest request, Caller caller,
        QueryAudience audience, DownloadServices services, CancellationToken cancellationToken)
    {
        if (!SqlFormats.TryParse(format, out var parsed))
        {
            return (null, Problems.NotFound($"Downloads are .csv, .json, .ndjson or .parquet files, not .{format}."));
        }
        if (query.Check(request.Query) is { } invalid)
        {
            return (null, invalid);
        }
        var found = await DatasetVisibility.FindAsync(services.Catalog, caller, department, dataset, cancellationToken);
        if (found is null || audience.TierOf(found) is not { } tier)
        {
            return (null, Problems.DatasetNotFound(department, dataset));
        }
        if ((query.Version ?? found.CurrentVersion) is not { } number)
        {
            return (null, Problems.NotFound($"Dataset '{department}/{dataset}' has no data yet: nothing was uploaded to it."));
        }
        // Past retention, the SQL views are gone even before maintenance removes the version: downloads agree.
        var version = await services.Catalog.GetVersionAsync(department, dataset, number, cancellationToken);
        if (version is null || version.SupersededAt + services.Lake.Retention <= services.Time.GetUtcNow())
        {
            return (null, Problems.VersionNotFound(department, dataset, number));
        }
        return (new DownloadTarget(found, version, tier, parsed), null);
    }

    /// <summary>The SQL endpoint's limits apply: the caller's default time limit, and at most Sql:MaxRows rows.</summary>
    private static SqlJob FilteredJob(DownloadTarget target, DownloadQuery query, Caller caller, SqlOptions options)
    {
        var invalid = new SqlRequest(query.Sql(target), SqlFormats.Extension(target.Format), options.MaxRows).TryRead(caller, options, out var job);
        // Nothing here can be invalid: the SQL is assembled, the format parsed and the limits are the options' own.
        Debug.Assert(invalid is null, invalid?.ProblemDetails.Detail);
        return job with { Download = target };
    }

    private static async Task<IResult> WholeFileAsync(
        DownloadTarget target, QueryAudience audience, bool gzip, HttpContext context, DownloadCache cache)
    {
        if (target.Format != SqlFormat.Parquet)
        {
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        }
        // A text file not made yet is sent as it is written, rather than after: the whole of it, without a length.
        // Parquet, gzip copies, ranges and conditional requests wait for the finished file.
        if (target.Format != SqlFormat.Parquet && !gzip && !AsksForPartOrCondition(context.Request) && cache.Start(target, audience) is { } making)
        {
            await making.StartedAsync(context.RequestAborted);
            return new GrowingFileResult(making, target);
        }
        var path = await cache.GetAsync(target, audience, gzip, context.RequestAborted);
        if (gzip)
        {
            // Content-Encoding, not a compressed transfer: ranges and the ETag are those of the gzip file itself.
            context.Response.Headers.ContentEncoding = "gzip";
        }
        return Results.File(
            path, SqlFormats.ContentType(target.Format), target.FileName, target.LastModified, target.ETag(gzip), enableRangeProcessing: true);
    }

    private static bool AsksForPartOrCondition(HttpRequest request)
    {
        var headers = request.Headers;
        return headers.Range.Count > 0 || headers.IfRange.Count > 0 || headers.IfMatch.Count > 0 || headers.IfNoneMatch.Count > 0
            || headers.IfModifiedSince.Count > 0 || headers.IfUnmodifiedSince.Count > 0;
    }

    /// <summary>Whether the client takes gzip: named with a quality above 0, or "*" when gzip is not named.</summary>
    private static bool AcceptsGzip(HttpRequest request)
    {
        var encodings = request.GetTypedHeaders().AcceptEncoding;
        var chosen = encodings.FirstOrDefault(e => string.Equals(e.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase))
            ?? encodings.FirstOrDefault(e => e.Value.Value == "*");
        return chosen is not null && (chosen.Quality ?? 1) > 0;
    }
}

/// <summary>What the download handler needs.</summary>
public sealed record DownloadServices(
    ICatalogStore Catalog, DownloadCache Cache, SqlRunner Runner, SqlOptions Sql, LakeOptions Lake, AuditLog Audit,
    TimeProvider Time, ClaimsPrincipal User);
