using Microsoft.AspNetCore.Http.HttpResults;
using OpenData.DuckDB;

namespace OpenData.Api.Portal.Datasets;

/// <summary>The rejects report of an upload (…/versions/{n}/rejects, CSV: line, column, value, reason) as a table.</summary>
public static class RejectsReport
{
    /// <summary>Shown on the page; the whole report stays a download.</summary>
    public const int MaxRows = 500;

    /// <summary>The report's first rows, or null when the version left no row out or the caller may not read it
    /// (rejected values are raw input, possibly personal: the API's own handler decides).</summary>
    public static async Task<RowsTable?> ReadAsync(HttpContext context, string department, string dataset, int version)
    {
        var cancellationToken = context.RequestAborted;
        var answer = await DatasetDataApi.GetRejects(
            department, dataset, version, ApiHandlers.Services<DatasetDataServices>(context), cancellationToken);
        if (answer.Result is not PhysicalFileHttpResult { FileName: var path })
        {
            return null;
        }
        // DuckDB's own CSV reader, in memory: the file is ours (RejectsFiles wrote it), every field read as text.
        await using var connection = new DuckDBConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_csv('{path.Replace("'", "''")}', header = true, all_varchar = true, quote = '\"', escape = '\"')";
        await using var reader = (DuckDBDataReader)await command.ExecuteReaderAsync(cancellationToken);
        return await RowsTable.ReadAsync(reader, MaxRows, cancellationToken);
    }
}
