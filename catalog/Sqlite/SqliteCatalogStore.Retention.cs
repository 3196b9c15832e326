using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

public sealed partial class SqliteCatalogStore
{
    public Task<IReadOnlyList<VersionSummary>> ListExpiredVersionsAsync(
        DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<VersionSummary>>(async (connection, transaction) =>
        {
            // superseded_at is NULL for the current version, so it is never listed.
            await using var command = connection.Command(
                transaction,
                $"{SelectVersion} WHERE v.superseded_at < $cutoff ORDER BY dep.slug, d.slug, v.number;",
                ("$cutoff", SqliteValues.Time(cutoff)));
            return await command.ListAsync(ReadVersionSummary, cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<VersionFile>> DeleteVersionsAsync(
        string department, string dataset, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<VersionFile>>(async (connection, transaction) =>
        {
            var (datasetId, current) = await FindDatasetAsync(connection, transaction, department, dataset, cancellationToken);
            if (current is { } c && numbers.Contains(c))
            {
                throw new CatalogException(
                    CatalogErrorKind.VersionConflict,
                    $"Version {c} of '{department}/{dataset}' is the current version and cannot be deleted.");
            }

            await connection.ExecuteAsync(
                transaction,
                "DELETE FROM versions WHERE dataset_id = $dataset_id AND number IN (SELECT value FROM json_each($numbers));",
                cancellationToken,
                ("$dataset_id", datasetId), ("$numbers", System.Text.Json.JsonSerializer.Serialize(numbers)));

            // A file row is garbage once no kept version falls inside its range.
            List<(long Id, VersionFile File)> orphans;
            await using (var command = connection.Command(
                transaction,
                """
                SELECT f.id, f.path, f.size, f.sha256 FROM data_files f
                WHERE f.dataset_id = $dataset_id AND NOT EXISTS (
                    SELECT 1 FROM versions v
                    WHERE v.dataset_id = f.dataset_id AND v.number >= f.first_version
                      AND (f.last_version IS NULL OR v.number <= f.last_version))
                ORDER BY f.first_version, f.ordinal;
                """,
                ("$dataset_id", datasetId)))
            {
                orphans = await command.ListAsync(
                    r => (r.GetInt64(0), new VersionFile(r.GetString(1), r.GetInt64(2), r.GetString(3))), cancellationToken);
            }

            var removable = new List<VersionFile>();
            foreach (var (id, file) in orphans)
            {
                await connection.ExecuteAsync(
                    transaction, "DELETE FROM data_files WHERE id = $id;", cancellationToken, ("$id", id));
                // Another row may still hold the same path (a later version that reuses an old file).
                var stillUsed = await connection.ScalarInt64Async(
                    transaction, "SELECT EXISTS (SELECT 1 FROM data_files WHERE path = $path);", cancellationToken,
                    ("$path", file.Path));
                if (stillUsed == 0)
                {
                    removable.Add(file);
                }
            }
            return removable;
        }, cancellationToken);

    public Task<IReadOnlySet<string>> ListReferencedFilePathsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlySet<string>>(async (connection, transaction) =>
        {
            // Every data_files row is in the range of some kept version: DeleteVersionsAsync removes the rest.
            await using var command = connection.Command(transaction, "SELECT DISTINCT path FROM data_files;");
            var paths = await command.ListAsync(r => r.GetString(0), cancellationToken);
            return paths.ToHashSet(StringComparer.Ordinal);
        }, cancellationToken);
}
