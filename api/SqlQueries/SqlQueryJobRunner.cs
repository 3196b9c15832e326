using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// Runs a query job as the SQL endpoint runs a query — the caller's sandbox, the statement check, the time limit
/// that interrupts DuckDB, the audit entry — but has DuckDB write the rows to the job's Parquet file rather than to a
/// response. Whatever stops it becomes the problem the SQL endpoint would have answered.
/// </summary>
public sealed class SqlQueryJobRunner(
    QueryEngine engine, SqlQueryResults results, AuditLog audit, SqlQueriesOptions options, TimeProvider clock, ILogger<SqlQueryJobRunner> logger)
{
    public async Task RunAsync(SqlQueryJob job, Caller caller, CancellationToken stopping)
    {
        var duration = Stopwatch.StartNew();
        var datasets = new List<string>();
        using var limit = new QueryTimeLimit(job.Request.Timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, job.Cancelled, stopping);
        ProblemHttpResult? problem;
        try
        {
            problem = await ExportAsync(job, caller, datasets, stop.Token);
        }
        catch (OperationCanceledException) when (job.Cancelled.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            problem = TypedResults.Problem(
                job.Cancelled.IsCancellationRequested ? "The query was cancelled by its caller." : "The server stopped while the query ran.",
                statusCode: SqlRunner.ClientClosedRequest,
                title: "Query cancelled");
        }
        catch (OperationCanceledException) when (limit.IsExceeded)
        {
            problem = SqlProblems.TimedOut(job.Request.Timeout);
        }
        catch (QueryRefusedException refused)
        {
            problem = Problems.Invalid("sql", refused.Message);
        }
        catch (DuckDBException error) when (SqlProblems.Failed(error) is { } failed)
        {
            problem = failed;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Query job {Id} failed inside the server.", job.Id);
            problem = TypedResults.Problem("The query failed inside the server; the log says why.", statusCode: StatusCodes.Status500InternalServerError);
        }

        if (problem is not null)
        {
            File.Delete(job.ResultPath);
            var state = problem.StatusCode == SqlRunner.ClientClosedRequest ? SqlQueryState.Cancelled : SqlQueryState.Failed;
            job.End(state, problem.ProblemDetails, clock.GetUtcNow() + options.ResultLifetime);
        }
        await audit.RecordAsync(AuditEntry.For(caller, AuditAction.Query) with
        {
            Datasets = datasets,
            Rows = job.Result?.Rows,
            Bytes = job.Result is null ? null : new FileInfo(job.ResultPath).Length,
            DurationMs = duration.ElapsedMilliseconds,
            Status = problem?.StatusCode ?? StatusCodes.Status200OK,
            Error = problem?.ProblemDetails.Detail,
            Detail = job.Request.Sql,
        });
    }

    /// <summary>Runs the query into the job's file and marks the job succeeded; a problem when the result is too large.</summary>
    private async Task<ProblemHttpResult?> ExportAsync(SqlQueryJob job, Caller caller, List<string> datasets, CancellationToken cancellationToken)
    {
        var maxRows = job.Request.MaxRows;
        long rowsInFile;
        using (var session = await engine.OpenSessionAsync(SqlAudiences.For(caller), cancellationToken))
        {
            var query = session.Check(job.Request.Sql);
            datasets.AddRange(query.Datasets);
            if (query.IsExplain)
            {
                throw new QueryRefusedException("EXPLAIN answers in text, which a query job does not keep: run it with POST /api/v1/sql.");
            }
            job.MarkChecked(() => session.Progress);
            try
            {
                // One row more than max_rows is kept, so that pages and downloads tell a cut result as the SQL endpoint does.
                using var export = await session.ExportParquetAsync(query, maxRows + 1, cancellationToken);
                File.Move(export.Path, job.ResultPath);
                rowsInFile = export.Rows;
            }
            finally
            {
                job.Stopped();
            }
        }
        var bytes = new FileInfo(job.ResultPath).Length;
        if (bytes > options.MaxResultBytes)
        {
            return TypedResults.Problem(
                $"The result takes {bytes} bytes, more than the {options.MaxResultBytes} a query job may keep (SqlQueries:MaxResultBytes). " +
                "Narrow the query or ask for fewer max_rows.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Query result too large");
        }
        var columns = await results.ColumnsAsync(job.ResultPath, cancellationToken);
        job.Succeed(Math.Min(rowsInFile, maxRows), rowsInFile > maxRows, columns, clock.GetUtcNow() + options.ResultLifetime);
        return null;
    }
}
