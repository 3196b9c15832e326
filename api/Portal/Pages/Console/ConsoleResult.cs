using OpenData.Api.Portal.Datasets;

namespace OpenData.Api.Portal.Pages.SqlConsole;

/// <summary>What the console shows of a job: its status and, once it succeeded, one page of its rows.</summary>
/// <param name="Offset">The first row of the page, counted from 0.</param>
public sealed record ConsoleResult(SqlQueryStatus Status, long Offset, int PageSize, RowsTable? Page)
{
    public string Id => Status.Id;

    public long? PreviousOffset => Offset > 0 ? Math.Max(0, Offset - PageSize) : null;

    public long? NextOffset => Offset + PageSize < Status.Rows ? Offset + PageSize : null;

    /// <summary>Reads the page from <paramref name="offset"/> of a job that succeeded; only the status otherwise.</summary>
    public static async Task<ConsoleResult> ReadAsync(
        SqlQueryJob job, SqlQueryResults results, long offset, int pageSize, CancellationToken cancellationToken)
    {
        var status = job.Status();
        if (job.Result is not { } result)
        {
            return new ConsoleResult(status, 0, pageSize, null);
        }
        offset = Math.Clamp(offset, 0, Math.Max(0, result.Rows - 1));
        await using var rows = await results.ReadAsync(job.ResultPath, offset, Math.Min(pageSize, result.Rows - offset), cancellationToken);
        return new ConsoleResult(status, offset, pageSize, await RowsTable.ReadAsync(rows.Reader, pageSize, cancellationToken));
    }
}
