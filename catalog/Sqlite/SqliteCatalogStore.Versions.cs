using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

public sealed partial class SqliteCatalogStore
{
    private const string SelectVersion = """
        SELECT dep.slug, d.slug, v.number, v.created_at, v.created_by, v.mode, v.row_count, v.bytes,
               v.source_file_name, v.source_format, v.source_sha256, v.superseded_at, v.id, v.dataset_id, c.findings
        FROM versions v
        LEFT JOIN version_checks c ON c.version_id = v.id
        JOIN datasets d ON d.id = v.dataset_id
        JOIN departments dep ON dep.id = d.department_id
        """;

    // The files of version $number: those added at or before it and not removed before it.
    private const string FilesOfVersion = """
        FROM data_files
        WHERE dataset_id = $dataset_id AND first_version <= $number AND (last_version IS NULL OR last_version >= $number)
        """;

    public Task<DatasetVersion> CommitVersionAsync(
        VersionCommit commit, int? expectedCurrentVersion, CancellationToken cancellationToken = default)
    {
        commit = CatalogRules.CheckCommit(commit);
        return WriteAsync(async (connection, transaction) =>
        {
            var (datasetId, current) = await FindDatasetAsync(
                connection, transaction, commit.Department, commit.Dataset, cancellationToken);
            // Read and checked inside the write transaction (BEGIN IMMEDIATE): no other commit can slip between.
            if (current != expectedCurrentVersion)
            {
                throw CatalogException.StaleVersion(commit.Department, commit.Dataset, expectedCurrentVersion, current);
            }

            // The pointer always names the newest version and the current one is never deleted, so this
            // numbering has no gaps.
            var number = (current ?? 0) + 1;
            var now = SqliteValues.Time(_time.GetUtcNow());
            var versionId = await connection.ScalarInt64Async(
                transaction,
                """
                INSERT INTO versions (dataset_id, number, created_at, created_by, mode, row_count, bytes,
                    source_file_name, source_format, source_sha256)
                VALUES ($dataset_id, $number, $now, $created_by, $mode, $row_count, $bytes,
                    $source_file_name, $source_format, $source_sha256)
                RETURNING id;
                """,
                cancellationToken,
                ("$dataset_id", datasetId), ("$number", number), ("$now", now), ("$created_by", commit.CreatedBy),
                ("$mode", SqliteValues.Text(commit.Mode)), ("$row_count", commit.RowCount), ("$bytes", commit.Bytes),
                ("$source_file_name", commit.Source?.FileName), ("$source_format", commit.Source?.Format),
                ("$source_sha256", commit.Source?.Sha256));

            await RecordFilesAsync(connection, transaction, datasetId, current, number, commit.Files, cancellationToken);
            await RecordSchemaAsync(connection, transaction, versionId, commit, cancellationToken);
            await RecordStreamOffsetsAsync(connection, transaction, datasetId, number, now, commit, cancellationToken);
            await RecordDerivationAsync(connection, transaction, versionId, commit, cancellationToken);

            await connection.ExecuteAsync(
                transaction,
                """
                UPDATE versions SET superseded_at = $now WHERE dataset_id = $dataset_id AND number = $previous;
                UPDATE datasets SET current_version = $number WHERE id = $dataset_id;
                """,
                cancellationToken,
                ("$now", now), ("$dataset_id", datasetId), ("$previous", current), ("$number", number));

            return (await ReadVersionAsync(connection, transaction, datasetId, number, cancellationToken))!;
        }, cancellationToken);
    }

    public Task<DatasetVersion?> GetVersionAsync(
        string department, string dataset, int number, CancellationToken cancellationToken = default) =>
        ReadAsync(async (connection, transaction) =>
        {
            await using var find = connection.Command(
                transaction,
                """
                SELECT d.id FROM datasets d JOIN departments dep ON dep.id = d.department_id
                WHERE dep.slug = $department AND d.slug = $dataset;
                """,
                ("$department", department), ("$dataset", dataset));
            return await find.ExecuteScalarAsync(cancellationToken) is long datasetId
                ? await ReadVersionAsync(connection, transaction, datasetId, number, cancellationToken)
                : null;
        }, cancellationToken);

    public Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(
        string department, string dataset, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<VersionSummary>>(async (connection, transaction) =>
        {
            var (datasetId, _) = await FindDatasetAsync(connection, transaction, department, dataset, cancellationToken);
            await using var command = connection.Command(
                transaction, $"{SelectVersion} WHERE v.dataset_id = $dataset_id ORDER BY v.number DESC;",
                ("$dataset_id", datasetId));
            return await command.ListAsync(ReadVersionSummary, cancellationToken);
        }, cancellationToken);

    public Task<VersionSummary?> FindVersionBySourceAsync(
        string department, string dataset, string sourceSha256, CancellationToken cancellationToken = default)
    {
        var sha256 = CatalogRules.NormaliseSha256(sourceSha256, "the upload");
        return ReadAsync(async (connection, transaction) =>
        {
            var (datasetId, _) = await FindDatasetAsync(connection, transaction, department, dataset, cancellationToken);
            await using var command = connection.Command(
                transaction,
                $"{SelectVersion} WHERE v.dataset_id = $dataset_id AND v.source_sha256 = $sha256 ORDER BY v.number DESC LIMIT 1;",
                ("$dataset_id", datasetId), ("$sha256", sha256));
            var rows = await command.ListAsync(ReadVersionSummary, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);
    }

    /// <summary>
    /// Closes the range of the previous version's files that the new version drops, and adds rows for the
    /// files it brings. Files it keeps (append, upsert of untouched partitions) are left as they are.
    /// </summary>
    private static async Task RecordFilesAsync(
        SqliteConnection connection, SqliteTransaction transaction, long datasetId, int? previous, int number,
        IReadOnlyList<VersionFile> files, CancellationToken cancellationToken)
    {
        Dictionary<string, (long Id, string Sha256)> live;
        await using (var command = connection.Command(
            transaction, "SELECT path, id, sha256 FROM data_files WHERE dataset_id = $dataset_id AND last_version IS NULL;",
            ("$dataset_id", datasetId)))
        {
            live = (await command.ListAsync(r => (Path: r.GetString(0), Id: r.GetInt64(1), Sha256: r.GetString(2)), cancellationToken))
                .ToDictionary(f => f.Path, f => (f.Id, f.Sha256), StringComparer.Ordinal);
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        for (var ordinal = 0; ordinal < files.Count; ordinal++)
        {
            var file = files[ordinal];
            if (live.TryGetValue(file.Path, out var existing))
            {
                // Lake files are immutable: the same path with other contents is a bug upstream.
                if (existing.Sha256 != file.Sha256)
                {
                    throw CatalogException.Invalid(
                        $"The file '{file.Path}' is already in version {previous} with another SHA-256: lake files never change.");
                }
                kept.Add(file.Path);
                continue;
            }
            await connection.ExecuteAsync(
                transaction,
                """
                INSERT INTO data_files (dataset_id, path, size, sha256, first_version, ordinal)
                VALUES ($dataset_id, $path, $size, $sha256, $number, $ordinal);
                """,
                cancellationToken,
                ("$dataset_id", datasetId), ("$path", file.Path), ("$size", file.Size), ("$sha256", file.Sha256),
                ("$number", number), ("$ordinal", ordinal));
        }

        foreach (var (path, (id, _)) in live)
        {
            if (!kept.Contains(path))
            {
                await connection.ExecuteAsync(
                    transaction, "UPDATE data_files SET last_version = $previous WHERE id = $id;", cancellationToken,
                    ("$previous", previous), ("$id", id));
            }
        }
    }

    private static async Task RecordSchemaAsync(
        SqliteConnection connection, SqliteTransaction transaction, long versionId, VersionCommit commit,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < commit.Schema.Count; i++)
        {
            var column = commit.Schema[i];
            await connection.ExecuteAsync(
                transaction,
                "INSERT INTO version_columns (version_id, ordinal, name, type, title) VALUES ($version_id, $ordinal, $name, $type, $title);",
                cancellationToken,
                ("$version_id", versionId), ("$ordinal", i), ("$name", column.Name), ("$type", column.Type),
                ("$title", column.Title));
        }
        for (var i = 0; i < commit.Statistics.Count; i++)
        {
            var statistics = commit.Statistics[i];
            await connection.ExecuteAsync(
                transaction,
                """
                INSERT INTO version_statistics (version_id, ordinal, column_name, null_count, min_value, max_value, distinct_count)
                VALUES ($version_id, $ordinal, $column_name, $null_count, $min_value, $max_value, $distinct_count);
                """,
                cancellationToken,
                ("$version_id", versionId), ("$ordinal", i), ("$column_name", statistics.Column),
                ("$null_count", statistics.NullCount), ("$min_value", statistics.Min), ("$max_value", statistics.Max),
                ("$distinct_count", statistics.ApproximateDistinctCount));
        }
    }

    public Task RecordVersionChecksAsync(
        string department, string dataset, int number, IReadOnlyList<VersionCheck> checks, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            var (id, _) = await FindDatasetAsync(connection, transaction, department, dataset, cancellationToken);
            var changed = await connection.ExecuteAsync(
                transaction,
                """
                INSERT INTO version_checks (version_id, findings)
                SELECT id, $findings FROM versions WHERE dataset_id = $dataset_id AND number = $number
                ON CONFLICT (version_id) DO UPDATE SET findings = excluded.findings;
                """,
                cancellationToken, ("$findings", SqliteValues.JsonObject(checks)), ("$dataset_id", id), ("$number", number));
            return changed == 0 ? throw CatalogException.VersionNotFound(department, dataset, number) : true;
        }, cancellationToken);

    private static async Task<DatasetVersion?> ReadVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, long datasetId, int number,
        CancellationToken cancellationToken)
    {
        long versionId;
        VersionSummary summary;
        await using (var command = connection.Command(
            transaction, $"{SelectVersion} WHERE v.dataset_id = $dataset_id AND v.number = $number;",
            ("$dataset_id", datasetId), ("$number", number)))
        {
            var rows = await command.ListAsync(r => (Summary: ReadVersionSummary(r), Id: r.GetInt64(12)), cancellationToken);
            if (rows.Count == 0)
            {
                return null;
            }
            (summary, versionId) = rows[0];
        }

        await using var files = connection.Command(
            transaction, $"SELECT path, size, sha256 {FilesOfVersion} ORDER BY first_version, ordinal;",
            ("$dataset_id", datasetId), ("$number", number));
        await using var schema = connection.Command(
            transaction, "SELECT name, type, title FROM version_columns WHERE version_id = $id ORDER BY ordinal;",
            ("$id", versionId));
        await using var statistics = connection.Command(
            transaction,
            """
            SELECT column_name, null_count, min_value, max_value, distinct_count
            FROM version_statistics WHERE version_id = $id ORDER BY ordinal;
            """,
            ("$id", versionId));

        return new DatasetVersion
        {
            Department = summary.Department,
            Dataset = summary.Dataset,
            Number = summary.Number,
            CreatedAt = summary.CreatedAt,
            CreatedBy = summary.CreatedBy,
            Mode = summary.Mode,
            RowCount = summary.RowCount,
            Bytes = summary.Bytes,
            Source = summary.Source,
            SupersededAt = summary.SupersededAt,
            Checks = summary.Checks,
            Files = await files.ListAsync(
                r => new VersionFile(r.GetString(0), r.GetInt64(1), r.GetString(2)), cancellationToken),
            Schema = await schema.ListAsync(
                r => new SchemaColumn(r.GetString(0), r.GetString(1), r.ReadStringOrNull(2)), cancellationToken),
            Statistics = await statistics.ListAsync(
                r => new ColumnStatistics(
                    r.GetString(0), r.GetInt64(1), r.ReadStringOrNull(2), r.ReadStringOrNull(3), r.ReadInt64OrNull(4)),
                cancellationToken),
        };
    }

    private static VersionSummary ReadVersionSummary(SqliteDataReader reader) => new()
    {
        Department = reader.GetString(0),
        Dataset = reader.GetString(1),
        Number = reader.GetInt32(2),
        CreatedAt = reader.ReadTime(3),
        CreatedBy = reader.GetString(4),
        Mode = reader.ReadEnum<CommitMode>(5),
        RowCount = reader.GetInt64(6),
        Bytes = reader.GetInt64(7),
        Source = reader.IsDBNull(10)
            ? null
            : new VersionSource(reader.GetString(8), reader.GetString(9), reader.GetString(10)),
        SupersededAt = reader.ReadTimeOrNull(11),
        Checks = reader.ReadJsonOrNull<VersionCheck[]>(14),
    };
}
