using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake;

namespace OpenData.Streaming;

/// <summary>
/// Parses one batch, then commits it: its bad records to the rejects dataset, then its rows to the dataset as an
/// append whose catalog transaction also records the offsets it took; each commit moves its dataset's position only.
/// The catalog refuses offsets a dataset already holds, so a batch that another consumer committed first (or that a
/// crash between the two commits left half done) can never land twice.
/// </summary>
internal sealed class StreamBatchCommitter(ICatalogStore catalog, LakeWriter lake, JsonBatchParser parser)
{
    /// <summary>Parses the batch into temporary tables of <paramref name="connection"/>, which commits it next.</summary>
    /// <param name="columnsBefore">The columns of a batch parsed before this one and not committed yet: those it adds
    /// are not in the catalog's schema yet, and this batch must not add them again.</param>
    public async Task<ParsedBatch> ParseAsync(
        DuckDBConnection connection, StreamBinding stream, StreamBatch batch, IReadOnlyList<StreamColumn>? columnsBefore,
        IReadOnlyDictionary<int, StreamPartitionState> partitions, CancellationToken cancellationToken)
    {
        var dataset = await catalog.GetDatasetAsync(stream.Department, stream.Dataset, cancellationToken)
            ?? throw new LakeException($"Dataset '{stream.Department}/{stream.Dataset}' of topic '{stream.Topic}' no longer exists.");
        var (schema, fixedSchema) = await StreamSchema.ReadAsync(catalog, dataset, cancellationToken);
        if (!fixedSchema && columnsBefore is not null)
        {
            schema = [.. schema, .. columnsBefore.Where(c => !schema.Any(known => string.Equals(known.Name, c.Name, StringComparison.OrdinalIgnoreCase)))];
        }
        // Rejects before these offsets are recorded already (a crash came between the two commits of a batch).
        var rejectsFrom = partitions.Where(p => p.Value.RejectsNext is not null).ToDictionary(p => p.Key, p => p.Value.RejectsNext!.Value);
        return await parser.ParseAsync(connection, batch, schema, fixedSchema, rejectsFrom, cancellationToken);
    }

    /// <summary>Commits a batch parsed on <paramref name="connection"/>, moving the positions in <paramref name="partitions"/>.</summary>
    public async Task<BatchOutcome> CommitAsync(
        DuckDBConnection connection, StreamBinding stream, StreamBatch batch, ParsedBatch parsed,
        IReadOnlyDictionary<int, StreamPartitionState> partitions, CancellationToken cancellationToken)
    {
        var createdBy = "kafka:" + stream.Topic;

        long rejects = 0;
        if (parsed.Rejects > 0)
        {
            rejects = (await StreamSqlCount(connection, parsed.RejectsSql, cancellationToken));
            var ranges = Ranges(batch, p => Math.Max(batch.Partitions[p].First, State(partitions, p).RejectsNext ?? 0));
            if (rejects > 0)
            {
                await lake.CommitAsync(connection, new LakeCommitRequest
                {
                    Department = stream.Department,
                    Dataset = stream.RejectsDataset,
                    SourceSql = parsed.RejectsSql,
                    Mode = CommitMode.Append,
                    CreatedBy = createdBy,
                    StreamOffsets = ranges,
                }, cancellationToken);
                foreach (var range in ranges)
                {
                    State(partitions, range.Partition).RejectsNext = range.To;
                }
            }
        }

        DatasetVersion? version = null;
        if (parsed.Rows > 0)
        {
            var ranges = Ranges(batch, p => State(partitions, p).RowsNext ?? batch.Partitions[p].First);
            version = await lake.CommitAsync(connection, new LakeCommitRequest
            {
                Department = stream.Department,
                Dataset = stream.Dataset,
                SourceSql = parsed.RowsSql,
                Mode = CommitMode.Append,
                CreatedBy = createdBy,
                StreamOffsets = ranges,
            }, cancellationToken);
            foreach (var range in ranges)
            {
                State(partitions, range.Partition).RowsNext = range.To;
            }
        }
        return new BatchOutcome(parsed.Rows, rejects, parsed.RejectsByPartition, version?.Number, parsed.AddedColumns);
    }

    private static List<StreamOffsetRange> Ranges(StreamBatch batch, Func<int, long> from) =>
        batch.Partitions
            .Select(p => new StreamOffsetRange(batch.Topic, p.Key, from(p.Key), p.Value.Last + 1))
            .Where(r => r.From < r.To)
            .ToList();

    private static StreamPartitionState State(IReadOnlyDictionary<int, StreamPartitionState> partitions, int partition) =>
        partitions.TryGetValue(partition, out var state)
            ? state
            : throw new InvalidOperationException($"Partition {partition} is not assigned to this consumer.");

    private static async Task<long> StreamSqlCount(DuckDBConnection connection, string sql, CancellationToken cancellationToken) =>
        (await LakeSql.QueryAsync(connection, $"SELECT count(*) FROM ({sql})", r => r.GetInt64(0), cancellationToken))[0];
}

/// <summary>What one batch committed: rows to the dataset (its new version, if any), rejects, and columns it added.</summary>
internal sealed record BatchOutcome(
    long Rows, long Rejects, IReadOnlyDictionary<int, long> RejectsByPartition, int? Version, IReadOnlyList<StreamColumn> AddedColumns);
