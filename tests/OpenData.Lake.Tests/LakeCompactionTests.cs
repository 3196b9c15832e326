using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake.Tests;

public sealed class LakeCompactionTests : LakeTestBase
{
    private const string Topic = "transport.tickets";

    private LakeCompaction Compaction => field ??= new LakeCompaction(Catalog, Options);

    private static CompactionRequest Compact(int minFiles = 2, long targetFileRows = 4096) => new()
    {
        Department = Department, Dataset = "tickets", CreatedBy = "compaction", MinFiles = minFiles, TargetFileRows = targetFileRows,
    };

    /// <summary>Appends tickets [from, to) as a streamed batch would: with the offsets of partition 0 it holds.</summary>
    private Task<DatasetVersion> StreamAsync(int from, int to, LakeWriter? writer = null, DuckDBConnection? connection = null) =>
        (writer ?? Writer).CommitAsync(connection ?? Connection, Request(Tickets(from, to), CommitMode.Append) with
        {
            StreamOffsets = [new StreamOffsetRange(Topic, 0, from, to)],
        });

    private async Task<DatasetVersion> StreamManyAsync(int batches, int rowsPerBatch)
    {
        DatasetVersion? version = null;
        for (var batch = 0; batch < batches; batch++)
        {
            version = await StreamAsync(batch * rowsPerBatch, (batch + 1) * rowsPerBatch);
        }
        return version!;
    }

    /// <summary>Rows in one snapshot and not the other, both ways, counted with repeats (EXCEPT ALL).</summary>
    private long Difference(DatasetVersion left, DatasetVersion right, string tier = LakeLayout.InternalTier)
    {
        var columns = string.Join(", ", Rows($"DESCRIBE SELECT * FROM {ReadVersion(left, tier)}").Select(r => $"\"{r[0]}\""));
        string Side(DatasetVersion version) => $"SELECT {columns} FROM {ReadVersion(version, tier)}";
        return Scalar<long>(
            $"SELECT (SELECT count(*) FROM ({Side(left)} EXCEPT ALL {Side(right)})) + (SELECT count(*) FROM ({Side(right)} EXCEPT ALL {Side(left)}))");
    }

    private static int Count(DatasetVersion version, string tier = LakeLayout.InternalTier) =>
        version.Files.Count(f => LakeLayout.IsInTier(f.Path, tier));

    [Fact]
    public async Task CompactAsync_rewrites_many_streamed_files_as_few_sorted_ones_with_the_same_rows_in_both_tiers()
    {
        await CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"], SortColumns = ["ticket_id"] });
        var before = await StreamManyAsync(batches: 20, rowsPerBatch: 500);
        var positions = await Catalog.GetStreamPositionsAsync(Department, "tickets");

        var result = await Compaction.CompactAsync(Connection, Compact(targetFileRows: 4096));

        Assert.Equal(CompactionOutcome.Compacted, result.Outcome);
        var after = result.Version!;
        Assert.Equal((21, CommitMode.Replace, "compaction"), (after.Number, after.Mode, after.CreatedBy));
        Assert.Equal((20, 3), (result.FilesBefore, result.FilesAfter));
        Assert.Equal((20, 3), (Count(before), Count(after)));
        // DuckDB's row groups are about ROW_GROUP_SIZE rows, so the projection's files need not split at the same rows.
        Assert.InRange(Count(after, LakeLayout.PublicTier), 1, 3);
        Assert.Equal(0, Difference(before, after));
        Assert.Equal(0, Difference(before, after, LakeLayout.PublicTier));
        Assert.DoesNotContain("plate", Rows($"DESCRIBE SELECT * FROM {ReadVersion(after, LakeLayout.PublicTier)}").Select(r => (string)r[0]!));
        Assert.Equal(before.RowCount, after.RowCount);
        Assert.Equal(before.Schema, after.Schema);
        // Counted again, exactly (the appends only approximated distinct counts): the same rows, the same figures.
        Assert.Equal((await SnapshotStatistics.ComputeAsync(Connection, FullPaths(before), default)).Statistics, after.Statistics);

        // Sorted by ticket_id across the files: each file holds one stretch of it.
        var ranges = FullPaths(after).Select(p => Rows($"SELECT min(ticket_id), max(ticket_id) FROM '{p}'")[0]).OrderBy(r => (long)r[0]!).ToList();
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.True((long)ranges[i - 1][1]! < (long)ranges[i][0]!, $"file {i} overlaps the one before");
        }

        // The stream's position is untouched: the next batch follows on, and a repeated one is still refused.
        Assert.Equal(positions.Select(p => (p.Topic, p.Partition, p.NextOffset)),
            (await Catalog.GetStreamPositionsAsync(Department, "tickets")).Select(p => (p.Topic, p.Partition, p.NextOffset)));
        var repeated = await Assert.ThrowsAsync<CatalogException>(() => StreamAsync(9_500, 10_000));
        Assert.Equal(CatalogErrorKind.StreamOffsetConflict, repeated.Kind);
        var next = await StreamAsync(10_000, 10_500);
        Assert.Equal((10_500L, 10_500L), (next.RowCount, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(next)}")));
    }

    [Fact]
    public async Task CompactAsync_keeps_a_streamed_append_that_lands_while_it_rewrites()
    {
        await CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"], SortColumns = ["ticket_id"] });
        var before = await StreamManyAsync(batches: 10, rowsPerBatch: 300);
        var stream = new LakeWriter(Catalog, Options);
        DatasetVersion? appended = null;
        Compaction.BeforeCatalogCommit = async cancellationToken =>
        {
            if (appended is null)
            {
                using var other = new DuckDBConnection();
                other.Open();
                appended = await StreamAsync(3_000, 3_250, stream, other);
            }
        };

        var result = await Compaction.CompactAsync(Connection, Compact());

        Assert.Equal(CompactionOutcome.Compacted, result.Outcome);
        var after = result.Version!;
        Assert.Equal((11, 12), (appended!.Number, after.Number));
        Assert.Equal(3_250, after.RowCount);
        Assert.Equal(0, Difference(appended, after));
        Assert.Equal(0, Difference(appended, after, LakeLayout.PublicTier));
        Assert.Equal(3_250, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(after)}"));
        // One rewritten file for the 3,000 rows read, and the append's own file carried over.
        Assert.Equal((1 + 1, 1 + 1), (Count(after), Count(after, LakeLayout.PublicTier)));
        Assert.Equal(3_250, (await Catalog.GetStreamPositionsAsync(Department, "tickets")).Single().NextOffset);
    }

    [Fact]
    public async Task A_streamed_append_racing_a_compaction_is_rebuilt_on_it_and_loses_nothing()
    {
        await CreateDatasetAsync(change: d => d with { SortColumns = ["ticket_id"] });
        var before = await StreamManyAsync(batches: 10, rowsPerBatch: 300);
        CompactionResult? compacted = null;
        Writer.BeforeCatalogCommit = async cancellationToken =>
        {
            if (compacted is null)
            {
                using var other = new DuckDBConnection();
                other.Open();
                compacted = await new LakeCompaction(Catalog, Options).CompactAsync(other, Compact(), cancellationToken);
            }
        };

        var after = await StreamAsync(3_000, 3_400);

        Assert.Equal(CompactionOutcome.Compacted, compacted!.Outcome);
        Assert.Equal((11, 12), (compacted.Version!.Number, after.Number));
        Assert.Equal(0, Difference(before, compacted.Version));
        Assert.Equal((3_400L, 3_400L), (after.RowCount, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(after)}")));
        Assert.Equal(2, Count(after));
        Assert.Equal(3_400, (await Catalog.GetStreamPositionsAsync(Department, "tickets")).Single().NextOffset);
    }

    [Fact]
    public async Task CompactAsync_gives_up_when_a_replace_lands_first_and_removes_what_it_wrote()
    {
        await CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"] });
        await StreamManyAsync(batches: 5, rowsPerBatch: 100);
        var uploader = new LakeWriter(Catalog, Options);
        DatasetVersion? replaced = null;
        Compaction.BeforeCatalogCommit = async cancellationToken =>
        {
            if (replaced is null)
            {
                using var other = new DuckDBConnection();
                other.Open();
                replaced = await uploader.CommitAsync(other, Request(Tickets(1_000, 1_010)), cancellationToken);
            }
        };

        var result = await Compaction.CompactAsync(Connection, Compact());

        Assert.Equal(CompactionOutcome.Superseded, result.Outcome);
        var current = (await Catalog.GetDatasetAsync(Department, "tickets"))!;
        Assert.Equal(replaced!.Number, current.CurrentVersion);
        Assert.Equal(10, Scalar<long>($"SELECT count(*) FROM {ReadVersion(replaced)}"));
        var referenced = await Catalog.ListReferencedFilePathsAsync();
        Assert.All(FilesUnder(Writer.Layout.LakeFolder), f => Assert.Contains(Writer.Layout.ToRelativePath(f), referenced));
    }

    [Fact]
    public async Task CompactAsync_leaves_datasets_with_few_files_or_nothing_to_gain_alone()
    {
        await CreateDatasetAsync();
        Assert.Equal(CompactionOutcome.NotNeeded, (await Compaction.CompactAsync(Connection, Compact())).Outcome);

        await StreamManyAsync(batches: 3, rowsPerBatch: 100);
        var tooFew = await Compaction.CompactAsync(Connection, Compact(minFiles: 4));
        // Three files of 100 rows with 100 rows a file: a rewrite would leave as many.
        var noGain = await Compaction.CompactAsync(Connection, Compact(targetFileRows: 100));

        Assert.Equal((CompactionOutcome.NotNeeded, 3, 3), (tooFew.Outcome, tooFew.FilesBefore, tooFew.FilesAfter));
        Assert.Equal(CompactionOutcome.NotNeeded, noGain.Outcome);
        Assert.Equal(3, (await Catalog.GetDatasetAsync(Department, "tickets"))!.CurrentVersion);
    }

    [Fact]
    public async Task CompactAsync_writes_one_file_per_partition_of_a_partitioned_dataset()
    {
        await CreateDatasetAsync(change: d => d with { PartitionColumns = ["district"], SortColumns = ["ticket_id"] });
        var before = await StreamManyAsync(batches: 6, rowsPerBatch: 200);

        var result = await Compaction.CompactAsync(Connection, Compact());
        var again = await Compaction.CompactAsync(Connection, Compact());

        Assert.Equal((24, 4), (result.FilesBefore, result.FilesAfter));
        Assert.All(result.Version!.Files, f => Assert.Matches("/district=[a-z]+/part-0\\.parquet$", f.Path));
        Assert.Equal(0, Difference(before, result.Version));
        Assert.Equal(CompactionOutcome.NotNeeded, again.Outcome);
    }

    [Fact]
    public async Task CompactAsync_keeps_the_rows_of_appends_that_added_columns()
    {
        await CreateDatasetAsync();
        await StreamManyAsync(batches: 3, rowsPerBatch: 100);
        var before = await CommitAsync(
            $"SELECT *, ticket_id % 3 = 0 AS paid FROM ({Tickets(300, 400)})", CommitMode.Append);

        var after = (await Compaction.CompactAsync(Connection, Compact())).Version!;

        Assert.Equal(1, Count(after));
        Assert.Equal(before.Schema, after.Schema);
        Assert.Equal(0, Difference(before, after));
        Assert.Equal(300, Scalar<long>($"SELECT count(*) FROM {ReadVersion(after)} WHERE paid IS NULL"));
    }
}
