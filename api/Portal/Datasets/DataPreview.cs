using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Api.Portal.Datasets;

/// <summary>
/// The first rows of a dataset as its page shows them, read as the SQL endpoint reads: in the caller's sandbox
/// (<see cref="SqlAudiences"/>), so the public reads the public tier, where personal columns were never written.
/// </summary>
public sealed class DataPreview(QueryEngine engine, SqlOptions options, ILogger<DataPreview> logger)
{
    public const int Rows = 10;

    /// <summary>The rows, or null when the dataset has no data the caller's sandbox can read.</summary>
    public async Task<RowsTable?> ReadAsync(Caller caller, Dataset dataset, CancellationToken cancellationToken)
    {
        var audience = SqlAudiences.For(caller);
        if (dataset.CurrentVersion is null || audience.TierOf(dataset) is null)
        {
            return null;
        }
        using var timeLimit = new QueryTimeLimit(options.DefaultTimeout);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(timeLimit.Token, cancellationToken);
        try
        {
            using var session = await engine.OpenSessionAsync(audience, limit.Token);
            // Slugs are lowercase letters, digits, '-' and '_' (CatalogRules): quoted, nothing to escape.
            var query = session.Check(PreviewSql(dataset));
            await using var reader = await session.ExecuteReaderAsync(query, limit.Token);
            return await RowsTable.ReadAsync(reader, Rows, limit.Token);
        }
        catch (DuckDBException error)
        {
            // E.g. a version committed before the dataset was made public has no public copy: the page goes on without rows.
            logger.LogInformation("No preview of {Department}/{Dataset}: {Reason}", dataset.Department, dataset.Slug, error.Message);
            return null;
        }
    }

    /// <summary>The SELECT the preview runs; the page offers it as its SQL example too.</summary>
    public static string PreviewSql(Dataset dataset) => $"SELECT * FROM \"{dataset.Department}\".\"{dataset.Slug}\" LIMIT {Rows}";
}
