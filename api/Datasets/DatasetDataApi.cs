using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Ingest;
using OpenData.Lake;
using OpenData.Pipelines;

namespace OpenData.Api;

/// <summary>…/data: a department publishes a file as the dataset's next version; …/rejects: what was left out of it.</summary>
public static class DatasetDataApi
{
    public static IEndpointRouteBuilder MapDatasetDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/datasets/{department}/{dataset}").WithTags("Data");
        group.MapPut("/data", UploadData)
            .RequireAuthorization(ApiKeyPolicies.Publisher)
            // "*/*" first: the listed types document the body, but routing must not answer 415 without our detail.
            .Accepts<Stream>("*/*", "text/csv", "text/tab-separated-values", "application/json", "application/x-ndjson",
                "application/vnd.apache.parquet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/octet-stream", "multipart/form-data")
            .WithName("UploadData")
            .WithSummary("Imports the file in the body (raw or one multipart file field) as the dataset's next version; an admin or the department's publisher.");
        group.MapGet("/versions/{number:int}/rejects", GetRejects)
            .WithName("GetVersionRejects")
            .WithSummary("The rows an upload was allowed to leave out, as CSV: line, column, value, reason.");
        return app;
    }

    public static async Task<Results<Created<UploadResult>, Ok<UploadResult>, ProblemHttpResult>> UploadData(
        string department, string dataset, [AsParameters] UploadQuery query, HttpRequest request,
        [AsParameters] DatasetDataServices services, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcome = await UploadAsync(department, dataset, query, request, services, clock, cancellationToken);
        var uploaded = (outcome.Result as IValueHttpResult)?.Value as UploadResult;
        await services.Audit.RecordAsync(AuditEntry.For(services.Caller, AuditAction.Upload) with
        {
            Datasets = [DatasetGrant.Name(department, dataset)],
            Rows = uploaded?.Rows,
            Bytes = uploaded?.UploadedBytes ?? request.ContentLength,
            DurationMs = clock.ElapsedMilliseconds,
            Status = (outcome.Result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK,
            Error = (outcome.Result as ProblemHttpResult)?.ProblemDetails.Detail,
            Detail = uploaded is null ? null : $"version {uploaded.Version}, {uploaded.Mode}".ToLowerInvariant(),
        }, cancellationToken);
        return outcome;
    }

    private static async Task<Results<Created<UploadResult>, Ok<UploadResult>, ProblemHttpResult>> UploadAsync(
        string department, string dataset, UploadQuery query, HttpRequest request,
        DatasetDataServices services, Stopwatch clock, CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (!caller.CanWrite(department))
        {
            return Problems.CannotWrite(caller, department);
        }
        if (query.TryRead(out var mode, out var settings) is { } invalid)
        {
            return invalid;
        }
        if (await services.Catalog.GetDatasetAsync(department, dataset, cancellationToken) is null)
        {
            return Problems.DatasetNotFound(department, dataset);
        }

        var layout = services.Lake.Layout;
        var (staged, refused) = await UploadStaging.StageAsync(
            request, query.Format, Path.Combine(layout.StagingFolder, "uploads"), services.Options.MaxUploadBytes, cancellationToken);
        if (staged is null)
        {
            return refused!;
        }
        try
        {
            // Read again: the dataset may have changed while the file came in.
            var found = await services.Catalog.GetDatasetAsync(department, dataset, cancellationToken);
            if (found is null)
            {
                return Problems.DatasetNotFound(department, dataset);
            }
            var current = found.CurrentVersion is { } number
                ? await services.Catalog.GetVersionAsync(department, dataset, number, cancellationToken)
                : null;
            if (current?.Source?.Sha256 == staged.Sha256)
            {
                // The same file again: nothing to import, and no version that would only repeat this one.
                return TypedResults.Ok(Result(current, staged, clock, imported: null, SchemaChanges.None));
            }

            var importing = settings with
            {
                FilePath = staged.Path, FileName = staged.FileName, Format = staged.Format, Sha256 = staged.Sha256, Contract = ContractFor(found, mode, current),
            };
            return await ImportAndCommitAsync(found, mode, importing, staged, clock, services, cancellationToken);
        }
        finally
        {
            File.Delete(staged.Path);
        }
    }

    private static async Task<Results<Created<UploadResult>, Ok<UploadResult>, ProblemHttpResult>> ImportAndCommitAsync(
        Dataset dataset, CommitMode mode, ImportRequest importing, StagedUpload staged, Stopwatch clock,
        DatasetDataServices services, CancellationToken cancellationToken)
    {
        await using var connection = await ImportConnection.OpenAsync(services.Options, cancellationToken);
        var logger = services.Logger;
        ImportResult? imported = null;
        try
        {
            // A clean CSV goes from the file to the lake in one pass; the first value that does not fit stops it, and
            // the file is imported again with every value checked ahead, which reports all rejects. An upsert
            // materialises its rows anyway, so it is checked ahead from the start.
            imported = await FileImporter.ImportAsync(connection, importing with { Unchecked = mode != CommitMode.Upsert }, cancellationToken);
            DatasetVersion version;
            try
            {
                version = await CommitAsync(connection, dataset, mode, imported, staged, services, cancellationToken);
            }
            catch (DuckDBException e) when (imported.Unchecked)
            {
                logger.LogInformation("Upload of {File} to {Department}/{Dataset} needs its values checked ahead ({Reason}); importing it again.",
                    staged.FileName, dataset.Department, dataset.Slug, e.Message);
                imported = await FileImporter.ImportAsync(connection, importing, cancellationToken);
                version = await CommitAsync(connection, dataset, mode, imported, staged, services, cancellationToken);
            }
            if (imported.Rejects.Count > 0)
            {
                await services.Rejects.WriteAsync(dataset.Department, dataset.Slug, version.Number, imported.Rejects, cancellationToken);
            }
            version = version with { Checks = await services.Checks.RunAsync(dataset, version.Number, cancellationToken) };

            var previous = version.Number > 1
                ? await services.Catalog.GetVersionAsync(dataset.Department, dataset.Slug, version.Number - 1, cancellationToken)
                : null;
            var rows = imported.Rows ?? version.RowCount - (mode == CommitMode.Append ? previous?.RowCount ?? 0 : 0);
            var result = Result(version, staged, clock, imported with { Rows = rows }, SchemaChanges.Between(previous?.Schema, version.Schema));
            logger.LogInformation("Upload of {File} ({Bytes} bytes, {Rows} rows) to {Department}/{Dataset} committed version {Version} in {Elapsed} ms{Checked}{FailedChecks}.",
                staged.FileName, staged.Bytes, rows, dataset.Department, dataset.Slug, version.Number, clock.ElapsedMilliseconds,
                imported.Unchecked ? ", values checked while writing" : "",
                version.Checks?.Count(check => !check.Passed) is > 0 and var failed ? $"; {failed} quality check(s) failed" : "");
            return TypedResults.Created($"/api/v1/datasets/{dataset.Department}/{dataset.Slug}/versions/{version.Number}", result);
        }
        catch (IngestException e)
        {
            return UploadProblems.Rejected(e);
        }
        catch (LakeException e)
        {
            return UploadProblems.Refused(e);
        }
        finally
        {
            if (imported is not null)
            {
                await FileImporter.DropAsync(connection, imported, CancellationToken.None);
            }
        }
    }

    private static Task<DatasetVersion> CommitAsync(
        DuckDBConnection connection, Dataset dataset, CommitMode mode, ImportResult imported, StagedUpload staged,
        DatasetDataServices services, CancellationToken cancellationToken) =>
        services.Lake.CommitAsync(connection, new LakeCommitRequest
        {
            Department = dataset.Department,
            Dataset = dataset.Slug,
            SourceSql = imported.SourceSql,
            Mode = mode,
            CreatedBy = services.Caller.Name,
            Source = new VersionSource(staged.FileName, imported.Format.ToString().ToLowerInvariant(), imported.Sha256),
        }, cancellationToken);

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetRejects(
        string department, string dataset, int number, [AsParameters] DatasetDataServices services, CancellationToken cancellationToken)
    {
        var caller = services.Caller;
        if (await DatasetVisibility.FindAsync(services.Catalog, caller, department, dataset, cancellationToken) is not { } found)
        {
            return Problems.DatasetNotFound(department, dataset);
        }
        // Rejected values are raw input: in a dataset with personal columns they may be personal data.
        if (DatasetVisibility.HidesPersonal(caller, found))
        {
            return Problems.Forbidden($"Rejects of '{department}/{dataset}' may hold personal data: only its department and admins may read them.");
        }
        var path = services.Rejects.PathOf(department, dataset, number);
        if (await services.Catalog.GetVersionAsync(department, dataset, number, cancellationToken) is null || !File.Exists(path))
        {
            return Problems.NotFound($"Dataset '{department}/{dataset}' has no version {number}, or that version left no rows out.");
        }
        return TypedResults.PhysicalFile(path, "text/csv; charset=utf-8", $"{dataset}-v{number}-rejects.csv");
    }

    /// <summary>
    /// The dataset's contract; without one, an append or upsert is read against the current version's columns, so
    /// that a value that does not fit them is a reject rather than a column of another type beside the old files.
    /// </summary>
    private static IReadOnlyList<ContractColumn>? ContractFor(Dataset dataset, CommitMode mode, DatasetVersion? current) =>
        dataset.Contract ?? (mode == CommitMode.Replace || current is null
            ? null
            : current.Schema.Select(column => new ContractColumn(column.Name, column.Type)).ToList());

    private static UploadResult Result(
        DatasetVersion version, StagedUpload staged, Stopwatch clock, ImportResult? imported, SchemaChanges changes) => new()
    {
        Version = version.Number,
        Mode = version.Mode,
        Rows = imported?.Rows,
        RejectedRows = imported?.RejectedRows,
        VersionRows = version.RowCount,
        UploadedBytes = staged.Bytes,
        VersionBytes = version.Bytes,
        DurationMs = clock.ElapsedMilliseconds,
        Source = version.Source,
        Schema = version.Schema,
        SchemaChanges = changes,
        Checks = version.Checks,
    };
}

/// <summary>What the data handlers need; <see cref="Caller"/> is the key's role and department.</summary>
public sealed record DatasetDataServices(
    ICatalogStore Catalog, LakeWriter Lake, UploadOptions Options, DatasetChecks Checks, ClaimsPrincipal User, AuditLog Audit,
    ILogger<DatasetDataServices> Logger)
{
    public Caller Caller => Caller.From(User);

    public RejectsFiles Rejects => new(Lake.Layout.DataDirectory);
}
