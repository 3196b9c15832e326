using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

public sealed partial class SqliteCatalogStore
{
    private const string SelectStream = """
        SELECT dep.slug, d.slug, s.topic, s.format, s.flush_interval_ms, s.flush_size, r.slug, s.created_by,
               s.created_at, s.updated_at
        FROM streams s
        JOIN datasets d ON d.id = s.dataset_id
        JOIN departments dep ON dep.id = d.department_id
        JOIN datasets r ON r.id = s.rejects_dataset_id
        """;

    public Task<StreamBinding> PutStreamAsync(StreamBinding stream, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckStream(stream);
        return WriteAsync(async (connection, transaction) =>
        {
            var (datasetId, _) = await FindDatasetAsync(connection, transaction, stream.Department, stream.Dataset, cancellationToken);
            var (rejectsId, _) = await FindDatasetAsync(connection, transaction, stream.Department, stream.RejectsDataset, cancellationToken);
            var now = SqliteValues.Time(_time.GetUtcNow());
            try
            {
                await connection.ExecuteAsync(
                    transaction,
                    """
                    INSERT INTO streams (dataset_id, topic, format, flush_interval_ms, flush_size, rejects_dataset_id,
                        created_by, created_at, updated_at)
                    VALUES ($dataset_id, $topic, $format, $flush_interval_ms, $flush_size, $rejects_id, $created_by, $now, $now)
                    ON CONFLICT (dataset_id) DO UPDATE SET topic = excluded.topic, format = excluded.format,
                        flush_interval_ms = excluded.flush_interval_ms, flush_size = excluded.flush_size,
                        rejects_dataset_id = excluded.rejects_dataset_id, updated_at = excluded.updated_at;
                    """,
                    cancellationToken,
                    ("$dataset_id", datasetId), ("$topic", stream.Topic), ("$format", stream.Format),
                    ("$flush_interval_ms", (long)stream.FlushInterval.TotalMilliseconds), ("$flush_size", stream.FlushSize),
                    ("$rejects_id", rejectsId), ("$created_by", stream.CreatedBy), ("$now", now));
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                throw new CatalogException(
                    CatalogErrorKind.AlreadyExists, $"Another dataset is already bound to topic '{stream.Topic}'.", e);
            }
            await using var command = connection.Command(
                transaction, $"{SelectStream} WHERE s.dataset_id = $dataset_id;", ("$dataset_id", datasetId));
            return (await command.ListAsync(ReadStream, cancellationToken))[0];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StreamBinding>> ListStreamsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StreamBinding>>(async (connection, transaction) =>
        {
            await using var command = connection.Command(transaction, $"{SelectStream} ORDER BY dep.slug, d.slug;");
            return await command.ListAsync(ReadStream, cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<StreamPosition>> GetStreamPositionsAsync(
        string department, string dataset, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StreamPosition>>(async (connection, transaction) =>
        {
            var (datasetId, _) = await FindDatasetAsync(connection, transaction, department, dataset, cancellationToken);
            await using var command = connection.Command(
                transaction,
                """
                SELECT topic, partition, next_offset, committed_at FROM stream_offsets
                WHERE dataset_id = $dataset_id ORDER BY topic, partition;
                """,
                ("$dataset_id", datasetId));
            return await command.ListAsync(
                r => new StreamPosition(r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.ReadTime(3)), cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Moves the dataset's position in each partition to the end of the commit's range, in the commit's
    /// transaction. A range starting before the stored position would take records the dataset already holds:
    /// the whole commit is refused. A range may start after it (records the broker no longer had).
    /// </summary>
    private static async Task RecordStreamOffsetsAsync(
        SqliteConnection connection, SqliteTransaction transaction, long datasetId, int number, string now,
        VersionCommit commit, CancellationToken cancellationToken)
    {
        CatalogRules.CheckOffsets(commit.StreamOffsets);
        foreach (var range in commit.StreamOffsets)
        {
            await using (var read = connection.Command(
                transaction,
                "SELECT next_offset FROM stream_offsets WHERE dataset_id = $dataset_id AND topic = $topic AND partition = $partition;",
                ("$dataset_id", datasetId), ("$topic", range.Topic), ("$partition", range.Partition)))
            {
                if (await read.ExecuteScalarAsync(cancellationToken) is long stored && range.From < stored)
                {
                    throw CatalogException.OffsetsTaken(commit.Department, commit.Dataset, range, stored);
                }
            }
            await connection.ExecuteAsync(
                transaction,
                """
                INSERT INTO stream_offsets (dataset_id, topic, partition, next_offset, version, committed_at)
                VALUES ($dataset_id, $topic, $partition, $next, $number, $now)
                ON CONFLICT (dataset_id, topic, partition) DO UPDATE
                    SET next_offset = excluded.next_offset, version = excluded.version, committed_at = excluded.committed_at;
                """,
                cancellationToken,
                ("$dataset_id", datasetId), ("$topic", range.Topic), ("$partition", range.Partition),
                ("$next", range.To), ("$number", number), ("$now", now));
        }
    }

    private static StreamBinding ReadStream(SqliteDataReader reader) => new()
    {
        Department = reader.GetString(0),
        Dataset = reader.GetString(1),
        Topic = reader.GetString(2),
        Format = reader.GetString(3),
        FlushInterval = TimeSpan.FromMilliseconds(reader.GetInt64(4)),
        FlushSize = reader.GetInt32(5),
        RejectsDataset = reader.GetString(6),
        CreatedBy = reader.GetString(7),
        CreatedAt = reader.ReadTime(8),
        UpdatedAt = reader.ReadTime(9),
    };
}
