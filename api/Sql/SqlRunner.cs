using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// Runs a checked request in the caller's sandbox, writes the answer and records it in the audit log: a query of
/// the SQL endpoint, or a filtered download (<see cref="SqlJob.Download"/>). The time limit cancels a token that
/// stops DuckDB with duckdb_interrupt; it runs from the first catalog read to the last byte. Whatever goes wrong
/// before the first byte is sent becomes a problem; after that the status is gone, so the connection is aborted and
/// the client sees a broken answer rather than a short one that looks whole.
/// </summary>
public sealed class SqlRunner(QueryEngine engine, AuditLog audit, ILogger<SqlRunner> logger)
{
    /// <summary>The status the audit log gives an answer whose client went away (nginx's).</summary>
    public const int ClientClosedRequest = 499;

    public async Task<IResult> RunAsync(HttpContext context, Caller caller, SqlJob job)
    {
        var clock = Stopwatch.StartNew();
        var answer = new Answer();
        if (job.Download is { } download)
        {
            answer.Datasets.Add(DatasetGrant.Name(download.Dataset.Department, download.Dataset.Slug));
        }
        var result = await AnswerAsync(context, caller, job, answer, clock);
        await audit.RecordAsync(AuditEntry.For(caller, job.Download is null ? AuditAction.Query : AuditAction.Download) with
        {
            Datasets = answer.Datasets,
            Rows = answer.Rows,
            Bytes = answer.Bytes,
            DurationMs = clock.ElapsedMilliseconds,
            Status = (result as IStatusCodeHttpResult)?.StatusCode ?? answer.Status,
            Error = (result as ProblemHttpResult)?.ProblemDetails.Detail ?? answer.Error,
            Detail = job.Sql,
        });
        return result;
    }

    private async Task<IResult> AnswerAsync(HttpContext context, Caller caller, SqlJob job, Answer answer, Stopwatch clock)
    {
        // The SQL endpoint offers CSV and Parquet to be saved as query.csv or query.parquet, and shows JSON inline.
        var fileName = job.Download?.FileName
            ?? (job.Format is SqlFormat.Csv or SqlFormat.Parquet ? "query." + SqlFormats.Extension(job.Format) : null);
        var writer = job.Format == SqlFormat.Parquet ? null : SqlRowWriter.For(job.Format, fileName);
        using var limit = new QueryTimeLimit(job.Timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, context.RequestAborted);
        try
        {
            using var session = await engine.OpenSessionAsync(SqlAudiences.For(caller), stop.Token);
            var query = session.Check(job.Sql);
            answer.Datasets.AddRange(query.Datasets.Except(answer.Datasets).ToList());
            if (job.Download is { } download && !query.ReadsFrom(download.Dataset.Department, download.View))
            {
                // Socrata's parameters are SQL fragments: comments or set operations in them could make the assembled
                // SELECT read something else, which the caller may read anyway, but not as this dataset's download.
                throw new QueryRefusedException(
                    "$select, $where and $order must leave the download one SELECT from its own dataset: no UNION, no comment that hides its FROM.");
            }
            if (job.Format == SqlFormat.Parquet)
            {
                using var export = await session.ExportParquetAsync(query, job.MaxRows, stop.Token);
                answer.Rows = export.Rows;
                answer.Bytes = new FileInfo(export.Path).Length;
                await SendAsync(context.Response, export, fileName!, stop.Token);
                await context.Response.CompleteAsync();
                return Results.Empty;
            }

            await using (var reader = await session.ExecuteReaderAsync(query, stop.Token))
            {
                var hasRow = await reader.ReadAsync(stop.Token);
                // Downloads are files: the same rows make the same bytes, without the time they took.
                answer.Rows = await writer!.WriteAsync(context.Response, reader, hasRow, job.MaxRows, job.Download is null ? clock : null, stop.Token);
                answer.Bytes = writer.Bytes;
            }
            // The client has the whole answer now, not only once the session is back in its pool and the audit written.
            await context.Response.CompleteAsync();
            return Results.Empty;
        }
        catch (Exception error) when (writer?.Started == true || context.Response.HasStarted)
        {
            answer.Bytes = writer?.Bytes;
            if (context.RequestAborted.IsCancellationRequested)
            {
                (answer.Status, answer.Error) = (ClientClosedRequest, "The client went away before the answer ended.");
            }
            else
            {
                (answer.Status, answer.Error) = (context.Response.StatusCode, $"The answer failed after it had started: {error.Message}");
                logger.LogWarning(error, "A SQL answer failed after it had started; the connection was aborted.");
            }
            context.Abort();
            return Results.Empty;
        }
        catch (OperationCanceledException) when (limit.IsExceeded && !context.RequestAborted.IsCancellationRequested)
        {
            return SqlProblems.TimedOut(job.Timeout);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left: nobody reads an answer.
            (answer.Status, answer.Error) = (ClientClosedRequest, "The client went away before the answer began.");
            return Results.Empty;
        }
        catch (QueryRefusedException refused)
        {
            return Problems.Invalid("sql", refused.Message);
        }
        catch (DuckDBException error) when (SqlProblems.Failed(error) is { } problem)
        {
            return problem;
        }
        catch (OverflowException error)
        {
            return SqlProblems.OutOfRange(error);
        }
    }

    private static async Task SendAsync(HttpResponse response, ParquetExport export, string fileName, CancellationToken cancellationToken)
    {
        response.ContentType = SqlFormats.ContentType(SqlFormat.Parquet);
        SqlRowWriter.Attach(response, fileName);
        // DuckDB wrote the whole file first, so whether it was cut is known before the body: a header, not a trailer.
        response.Headers[SqlRowWriter.TruncatedHeader] = export.Truncated ? "true" : "false";
        response.ContentLength = new FileInfo(export.Path).Length;
        await response.SendFileAsync(export.Path, cancellationToken);
    }

    /// <summary>What the audit entry says of the answer, filled in as it goes.</summary>
    private sealed class Answer
    {
        public List<string> Datasets { get; } = [];

        public long? Rows { get; set; }

        public long? Bytes { get; set; }

        public int Status { get; set; } = StatusCodes.Status200OK;

        public string? Error { get; set; }
    }
}
