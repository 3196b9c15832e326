namespace OpenData.Api;

/// <summary>
/// Answers with a job's result: rows in JSON, CSV or NDJSON through the SQL endpoint's writers (so the bytes are
/// the same as its answers), or the Parquet file itself. An error after the answer began aborts the connection, as
/// the SQL endpoint does, so that a cut answer never passes for a whole one.
/// </summary>
public sealed class SqlQueryResultWriter(SqlQueryResults results)
{
    /// <summary>Writes <paramref name="rows"/> rows from <paramref name="offset"/>.</summary>
    /// <param name="fileName">The name to offer the answer to be saved as, or null to show it inline.</param>
    public async Task<IResult> WriteAsync(HttpContext context, SqlQueryJob job, SqlFormat format, long offset, long rows, string? fileName)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            // One row more than written: from it the writer tells whether rows follow (X-Truncated, "truncated").
            await using var read = await results.ReadAsync(job.ResultPath, offset, rows + 1, cancellationToken);
            var hasRow = await read.Reader.ReadAsync(cancellationToken);
            await SqlRowWriter.For(format, fileName).WriteAsync(context.Response, read.Reader, hasRow, rows, clock: null, cancellationToken);
            return Results.Empty;
        }
        catch (OverflowException error) when (!context.Response.HasStarted)
        {
            return SqlProblems.OutOfRange(error);
        }
        catch (Exception) when (context.Response.HasStarted)
        {
            context.Abort();
            return Results.Empty;
        }
    }

    /// <summary>Sends the result as Parquet: the job's file, or a copy without the row kept beyond max_rows.</summary>
    public async Task<IResult> SendParquetAsync(HttpContext context, SqlQueryJob job, string fileName)
    {
        var (rows, truncated) = job.Result ?? throw new InvalidOperationException("Only a job that succeeded has a result.");
        var path = truncated ? await results.CopyFirstRowsAsync(job.ResultPath, rows, context.RequestAborted) : job.ResultPath;
        try
        {
            var response = context.Response;
            response.ContentType = SqlFormats.ContentType(SqlFormat.Parquet);
            SqlRowWriter.Attach(response, fileName);
            response.Headers[SqlRowWriter.TruncatedHeader] = truncated ? "true" : "false";
            response.ContentLength = new FileInfo(path).Length;
            await response.SendFileAsync(path, context.RequestAborted);
            return Results.Empty;
        }
        finally
        {
            if (truncated)
            {
                File.Delete(path);
            }
        }
    }
}
