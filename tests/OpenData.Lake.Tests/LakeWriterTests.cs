using System.Security.Cryptography;
using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake.Tests;

public sealed class LakeWriterTests : LakeTestBase
{
    [Fact]
    public async Task CommitAsync_replace_records_the_rows_files_and_checksums()
    {
        await CreateDatasetAsync();

        var version = await CommitAsync(Tickets(0, 5000));

        Assert.Equal(1, version.Number);
        Assert.Equal(5000, version.RowCount);
        Assert.Equal(5000, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(version)}"));
        var file = Assert.Single(version.Files);
        Assert.Matches("^internal/transport/tickets/[0-9a-f]{32}/part-0\\.parquet$", file.Path);
        var bytes = await File.ReadAllBytesAsync(Writer.Layout.ToFullPath(file.Path));
        Assert.Equal(bytes.Length, file.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        Assert.Equal(file.Size, version.Bytes);
        Assert.Equal("zstd", Scalar<string>($"SELECT lower(compression) FROM parquet_metadata('{FullPaths(version)[0]}') LIMIT 1"));
        Assert.Empty(FilesUnder(Writer.Layout.StagingFolder));
    }

    [Fact]
    public async Task CommitAsync_replace_leaves_only_the_new_rows()
    {
        await CreateDatasetAsync();
        await CommitAsync(Tickets(0, 100));

        var version = await CommitAsync(Tickets(1000, 1010));

        Assert.Equal(2, version.Number);
        Assert.Equal([1000L, 1009L, 10L], Rows($"SELECT min(ticket_id), max(ticket_id), count(*) FROM {ReadVersion(version)}")[0]);
    }

    [Fact]
    public async Task CommitAsync_append_lists_the_previous_files_and_the_new_ones()
    {
        await CreateDatasetAsync();
        var first = await CommitAsync(Tickets(0, 100));

        var second = await CommitAsync(Tickets(100, 150), CommitMode.Append);

        Assert.Equal(CommitMode.Append, second.Mode);
        Assert.Equal(2, second.Files.Count);
        Assert.Equal(first.Files[0], second.Files[0]);
        Assert.Equal(150, second.RowCount);
        Assert.Equal(150, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(second)}"));
        Assert.Equal(second.Files.Sum(f => f.Size), second.Bytes);
    }

    [Fact]
    public async Task CommitAsync_upsert_replaces_matched_rows_and_keeps_the_others()
    {
        await CreateDatasetAsync();
        await CommitAsync(Tickets(0, 100));

        var version = await CommitAsync(Tickets(90, 120, fine: "999.0"), CommitMode.Upsert);

        Assert.Equal(120, version.RowCount);
        Assert.Equal(120, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(version)}"));
        Assert.Equal(30, Scalar<long>($"SELECT count(*) FROM {ReadVersion(version)} WHERE fine_yuan = 999.0"));
        Assert.Equal(0, Scalar<long>($"SELECT count(*) FROM {ReadVersion(version)} WHERE ticket_id >= 90 AND fine_yuan <> 999.0"));
        // Upserts write fresh files; the first version's file is not carried over.
        var first = (await Catalog.GetVersionAsync(Department, "tickets", 1))!;
        Assert.DoesNotContain(first.Files[0], version.Files);
    }

    [Fact]
    public async Task CommitAsync_upsert_refuses_repeated_keys_and_writes_nothing()
    {
        await CreateDatasetAsync();
        await CommitAsync(Tickets(0, 10));

        var error = await Assert.ThrowsAsync<LakeException>(() => CommitAsync(
            "SELECT * FROM (" + Tickets(0, 5) + ") UNION ALL SELECT * FROM (" + Tickets(3, 4) + ")", CommitMode.Upsert));

        Assert.Contains("more than once", error.Message);
        Assert.Equal(1, (await Catalog.GetDatasetAsync(Department, "tickets"))!.CurrentVersion);
        Assert.Single(FilesUnder(Writer.Layout.LakeFolder));
    }

    [Fact]
    public async Task CommitAsync_refuses_a_source_that_is_not_one_select()
    {
        await CreateDatasetAsync();

        await Assert.ThrowsAsync<LakeException>(() => CommitAsync("CREATE TABLE t AS SELECT 1 AS ticket_id"));
        await Assert.ThrowsAsync<LakeException>(() => CommitAsync("SELECT 1 AS ticket_id; SELECT 2 AS ticket_id"));
    }

    [Fact]
    public async Task CommitAsync_refuses_rows_without_a_declared_sort_column()
    {
        await CreateDatasetAsync(change: d => d with { SortColumns = ["issued_at"] });

        var error = await Assert.ThrowsAsync<LakeException>(() => CommitAsync(Tickets(0, 10)));

        Assert.Contains("issued_at", error.Message);
        Assert.Null((await Catalog.GetDatasetAsync(Department, "tickets"))!.CurrentVersion);
    }

    [Fact]
    public async Task CommitAsync_orders_rows_by_the_sort_columns_so_row_groups_do_not_overlap()
    {
        await CreateDatasetAsync(change: d => d with { SortColumns = ["ticket_id"] });

        var version = await CommitAsync(Tickets(0, 20_000));

        var groups = Rows(
            $"SELECT row_group_id, stats_min::BIGINT, stats_max::BIGINT FROM parquet_metadata('{FullPaths(version)[0]}') " +
            "WHERE path_in_schema = 'ticket_id' ORDER BY row_group_id");
        Assert.True(groups.Count >= 5, $"expected several row groups of {Options.RowGroupSize} rows, got {groups.Count}");
        for (var i = 1; i < groups.Count; i++)
        {
            Assert.True((long)groups[i - 1][2]! < (long)groups[i][1]!, $"row group {i} overlaps the one before");
        }
    }

    [Fact]
    public async Task CommitAsync_writes_hive_partition_folders_holding_one_value_each()
    {
        await CreateDatasetAsync(change: d => d with { PartitionColumns = ["district"], SortColumns = ["ticket_id"] });

        var version = await CommitAsync(Tickets(0, 1000));

        Assert.Equal(4, version.Files.Count);
        foreach (var file in version.Files)
        {
            var district = System.Text.RegularExpressions.Regex.Match(file.Path, "/district=([a-z]+)/part-0\\.parquet$").Groups[1].Value;
            Assert.NotEmpty(district);
            Assert.Equal([district], Rows($"SELECT DISTINCT district FROM read_parquet('{Writer.Layout.ToFullPath(file.Path)}', hive_partitioning = false)")
                .Select(r => (string)r[0]!));
        }
        Assert.Equal(1000, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(version)}"));
    }

    [Fact]
    public async Task CommitAsync_public_dataset_gets_a_public_projection_without_personal_columns()
    {
        await CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"] });

        await CommitAsync(Tickets(0, 300));
        var version = await CommitAsync(Tickets(300, 400), CommitMode.Append);

        Assert.Equal(2, FullPaths(version, LakeLayout.PublicTier).Count);
        Assert.All(version.Files.Where(f => LakeLayout.IsInTier(f.Path, LakeLayout.PublicTier)),
            f => Assert.StartsWith("public/transport/tickets/", f.Path));
        var publicColumns = Rows($"DESCRIBE SELECT * FROM {ReadVersion(version, LakeLayout.PublicTier)}").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["ticket_id", "district", "fine_yuan"], publicColumns);
        Assert.Equal(400, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(version, LakeLayout.PublicTier)}"));
        Assert.Contains("plate", Rows($"DESCRIBE SELECT * FROM {ReadVersion(version)}").Select(r => (string)r[0]!));
        Assert.Equal(400, version.RowCount);
    }

    [Fact]
    public async Task CommitAsync_append_projects_everything_again_when_a_column_became_personal()
    {
        var dataset = await CreateDatasetAsync(change: d => d with
        {
            Access = AccessLevel.Public, PartitionColumns = ["district"], SortColumns = ["ticket_id"],
        });
        var first = await CommitAsync(Tickets(0, 100));
        Assert.Contains("plate", Rows($"DESCRIBE SELECT * FROM {ReadVersion(first, LakeLayout.PublicTier)}").Select(r => (string)r[0]!));
        await Catalog.UpdateDatasetAsync(dataset with { PersonalColumns = ["plate"] });

        var second = await CommitAsync(Tickets(100, 120), CommitMode.Append);

        var publicFiles = second.Files.Where(f => LakeLayout.IsInTier(f.Path, LakeLayout.PublicTier)).ToList();
        Assert.Empty(publicFiles.Intersect(first.Files));
        Assert.All(publicFiles, f => Assert.Matches("/district=[a-z]+/part-0\\.parquet$", f.Path));
        Assert.DoesNotContain("plate", Rows($"DESCRIBE SELECT * FROM {ReadVersion(second, LakeLayout.PublicTier)}").Select(r => (string)r[0]!));
        Assert.Equal(120, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(second, LakeLayout.PublicTier)}"));
    }

    [Fact]
    public async Task CommitAsync_internal_dataset_has_no_public_files()
    {
        await CreateDatasetAsync(change: d => d with { PersonalColumns = ["plate"] });

        var version = await CommitAsync(Tickets(0, 10));

        Assert.All(version.Files, f => Assert.True(LakeLayout.IsInTier(f.Path, LakeLayout.InternalTier)));
    }

    [Fact]
    public async Task CommitAsync_records_schema_and_column_statistics()
    {
        await CreateDatasetAsync();

        var version = await CommitAsync(
            "SELECT i AS ticket_id, CASE WHEN i % 4 = 0 THEN NULL ELSE i % 10 END AS code, 'd' || (i % 3) AS district " +
            "FROM range(1, 101) AS t(i)");

        Assert.Equal(
            [new SchemaColumn("ticket_id", "BIGINT"), new SchemaColumn("code", "BIGINT"), new SchemaColumn("district", "VARCHAR")],
            version.Schema);
        var ticket = version.Statistics.Single(s => s.Column == "ticket_id");
        Assert.Equal((0L, "1", "100"), (ticket.NullCount, ticket.Min, ticket.Max));
        Assert.InRange(ticket.ApproximateDistinctCount!.Value, 90, 110);
        var code = version.Statistics.Single(s => s.Column == "code");
        Assert.Equal((25L, "0", "9"), (code.NullCount, code.Min, code.Max));
        var district = version.Statistics.Single(s => s.Column == "district");
        Assert.Equal((0L, "d0", "d2", 3L), (district.NullCount, district.Min, district.Max, district.ApproximateDistinctCount));
    }

    [Fact]
    public async Task CommitAsync_rebuilds_an_upsert_on_a_version_that_landed_first()
    {
        await CreateDatasetAsync();
        await CommitAsync(Tickets(0, 10));
        var interloper = new LakeWriter(Catalog, Options);
        var raced = false;
        Writer.BeforeCatalogCommit = async cancellationToken =>
        {
            if (!raced)
            {
                raced = true;
                using var other = new DuckDBConnection();
                other.Open();
                await interloper.CommitAsync(other, Request(Tickets(10, 20), CommitMode.Append), cancellationToken);
            }
        };

        var version = await CommitAsync(Tickets(5, 6, fine: "999.0"), CommitMode.Upsert);

        Assert.Equal(3, version.Number);
        Assert.Equal(20, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(version)}"));
        Assert.Equal(5L, Scalar<long>($"SELECT ticket_id FROM {ReadVersion(version)} WHERE fine_yuan = 999.0"));
        // The attempt built on version 1 was removed at once, not left to the janitor.
        var referenced = await Catalog.ListReferencedFilePathsAsync();
        Assert.All(FilesUnder(Writer.Layout.LakeFolder), f => Assert.Contains(Writer.Layout.ToRelativePath(f), referenced));
    }

    [Fact]
    public async Task CommitAsync_from_two_threads_gives_contiguous_versions_and_whole_snapshots()
    {
        await CreateDatasetAsync();
        const int commitsPerThread = 5;
        const int rowsPerCommit = 100;
        Options.MaxCommitAttempts = 2 * commitsPerThread + 1;

        async Task AppendAsync(int thread)
        {
            using var connection = new DuckDBConnection();
            connection.Open();
            for (var i = 0; i < commitsPerThread; i++)
            {
                var from = (thread * commitsPerThread + i) * rowsPerCommit;
                await Writer.CommitAsync(connection, Request(Tickets(from, from + rowsPerCommit), CommitMode.Append));
            }
        }
        await Task.WhenAll(Task.Run(() => AppendAsync(0)), Task.Run(() => AppendAsync(1)));

        var versions = await Catalog.ListVersionsAsync(Department, "tickets");
        Assert.Equal(Enumerable.Range(1, 2 * commitsPerThread).Reverse(), versions.Select(v => v.Number));
        foreach (var summary in versions)
        {
            var version = (await Catalog.GetVersionAsync(Department, "tickets", summary.Number))!;
            Assert.Equal(summary.Number * rowsPerCommit, version.RowCount);
            Assert.Equal(version.RowCount, Scalar<long>($"SELECT count(DISTINCT ticket_id) FROM {ReadVersion(version)}"));
        }
        Assert.Equal(2 * commitsPerThread, FilesUnder(Writer.Layout.LakeFolder).Count);
    }

    [Fact]
    public async Task CommitAsync_failing_after_the_move_leaves_the_previous_version_and_orphans_for_the_janitor()
    {
        await CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"] });
        var first = await CommitAsync(Tickets(0, 100));
        Writer.BeforeCatalogCommit = _ => throw new IOException("simulated crash before the catalog transaction");

        await Assert.ThrowsAsync<IOException>(() => CommitAsync(Tickets(100, 200), CommitMode.Append));

        var dataset = (await Catalog.GetDatasetAsync(Department, "tickets"))!;
        Assert.Equal(1, dataset.CurrentVersion);
        var current = (await Catalog.GetVersionAsync(Department, "tickets", 1))!;
        Assert.Equal(first.Files, current.Files);
        Assert.Equal(100, Scalar<long>($"SELECT count(*) FROM {ReadVersion(current)}"));
        Assert.Equal(4, FilesUnder(Writer.Layout.LakeFolder).Count);

        var young = await new LakeJanitor(Catalog, Options).RunAsync();
        Assert.Equal(0, young.FilesDeleted);

        Options.JanitorGracePeriod = TimeSpan.Zero;
        var result = await new LakeJanitor(Catalog, Options).RunAsync();

        Assert.Equal(2, result.FilesDeleted);
        Assert.Equal(
            first.Files.Select(f => Writer.Layout.ToFullPath(f.Path)).Order(),
            FilesUnder(Writer.Layout.LakeFolder).Order());
        Assert.Equal(100, Scalar<long>($"SELECT count(*) FROM {ReadVersion(current)}"));
    }
}
