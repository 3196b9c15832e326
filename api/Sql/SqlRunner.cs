using System.Diagnostics;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>
/// Runs a checked request in the caller's sandbox and writes the answer. The time limit cancels a token that stops
/// DuckDB with duckdb_interrupt; it runs from the first catalog read to the last byte. Whatever goes wrong before
/// the first byte is sent becomes a problem; after that the status is gone, so the connection is aborted and the
/// client sees a broken answer rather than a short one that looks whole.
/// </summary>
public static class SqlRunner
{
    public static async Task<IResult> RunAsync(HttpContext context, QueryEngine engine, QueryAudience audience, SqlJob job, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        var writer = job.Format == SqlFormat.Parquet ? null : SqlRowWriter.For(job.Format);
        using var limit = new CancellationTokenSource(job.Timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, context.RequestAborted);
        try
        {
            using var session = await engine.OpenSessionAsync(audience, stop.Token);
            var query = session.Check(job.Sql);
            if (job.Format == SqlFormat.Parquet)
            {
                using var export = await session.ExportParquetAsync(query, job.MaxRows, stop.Token);
                await SendAsync(context.Response, export, stop.Token);
                return Results.Empty;
            }

            await using var reader = await session.ExecuteReaderAsync(query, stop.Token);
            var hasRow = await reader.ReadAsync(stop.Token);
            await writer!.WriteAsync(context.Response, reader, hasRow, job.MaxRows, clock, stop.Token);
            return Results.Empty;
        }
        catch (Exception error) when (writer?.Started == true || context.Response.HasStarted)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                logger.LogWarning(error, "A SQL answer failed after it had started; the connection was aborted.");
            }
            context.Abort();
            return Results.Empty;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return SqlProblems.TimedOut(job.Timeout);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left: nobody reads an answer.
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

    private static async Task SendAsync(HttpResponse response, ParquetExport export, CancellationToken cancellationToken)
    {
        response.ContentType = "application/vnd.apache.parquet";
        response.Headers.ContentDisposition = "attachment; filename=\"query.parquet\"";
        // DuckDB wrote the whole file first, so whether it was cut is known before the body: a header, not a trailer.
        response.Headers[SqlRowWriter.TruncatedHeader] = export.Truncated ? "true" : "false";
        response.ContentLength = new FileInfo(export.Path).Length;
        await response.SendFileAsync(export.Path, cancellationToken);
    }
}
