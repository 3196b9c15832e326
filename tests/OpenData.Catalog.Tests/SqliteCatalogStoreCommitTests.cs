namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreCommitTests : CatalogStoreTestBase
{
    [Fact]
    public async Task CommitVersionAsync_round_trips_every_field()
    {
        await CreateTicketsAsync();
        var commit = new VersionCommit
        {
            Department = "transport",
            Dataset = "tickets",
            CreatedBy = "key:transport-publisher",
            Mode = CommitMode.Upsert,
            RowCount = 10_000_000,
            Bytes = 335_544_320,
            Files =
            [
                new VersionFile("internal/transport/tickets/1/district=Huangpu/part-0.parquet", 123_456_789, Sha256("f0")),
                new VersionFile("public/transport/tickets/1/district=Huangpu/part-0.parquet", 98_765, Sha256("f1").ToUpperInvariant()),
            ],
            Schema =
            [
                new SchemaColumn("ticket_id", "BIGINT", "Ticket ID"),
                new SchemaColumn("fine_yuan", "DECIMAL(10,2)", "罚款 (元)"),
                new SchemaColumn("tags", "VARCHAR[]"),
            ],
            Statistics =
            [
                new ColumnStatistics("ticket_id", 0, "1", "10000000", 9_874_112),
                new ColumnStatistics("fine_yuan", 12, "50.00", "2000.00", null),
                new ColumnStatistics("tags", 10_000_000, null, null, 0),
            ],
            Source = new VersionSource("tickets 2024.csv", "csv", Sha256("upload")),
        };

        var committed = await Store.CommitVersionAsync(commit, expectedCurrentVersion: null);
        var read = await Store.GetVersionAsync("transport", "tickets", 1);

        var expected = new DatasetVersion
        {
            Department = "transport",
            Dataset = "tickets",
            Number = 1,
            CreatedAt = Clock.Now,
            CreatedBy = commit.CreatedBy,
            Mode = CommitMode.Upsert,
            RowCount = commit.RowCount,
            Bytes = commit.Bytes,
            Source = commit.Source,
            SupersededAt = null,
            Files = [commit.Files[0], commit.Files[1] with { Sha256 = Sha256("f1") }], // checksums stored lowercase
            Schema = commit.Schema,
            Statistics = commit.Statistics,
        };
        Assert.Equivalent(expected, committed, strict: true);
        Assert.Equivalent(expected, read, strict: true);
    }

    [Fact]
    public async Task CommitVersionAsync_moves_the_pointer_and_marks_the_previous_version_superseded()
    {
        await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), null);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await Store.CommitVersionAsync(Commit("b"), 1);

        Assert.Equal(2, second.Number);
        Assert.Equal(2, (await Store.GetDatasetAsync("transport", "tickets"))!.CurrentVersion);
        Assert.Equal(Clock.Now, (await Store.GetVersionAsync("transport", "tickets", 1))!.SupersededAt);
        Assert.Null(second.SupersededAt);
    }

    [Fact]
    public async Task CommitVersionAsync_refuses_a_stale_expected_version_and_changes_nothing()
    {
        await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), null);
        await Store.CommitVersionAsync(Commit("b"), 1);
        var datasetBefore = await Store.GetDatasetAsync("transport", "tickets");
        var pathsBefore = await Store.ListReferencedFilePathsAsync();

        var stale = await Assert.ThrowsAsync<CatalogException>(() => Store.CommitVersionAsync(Commit("c"), 1));
        var none = await Assert.ThrowsAsync<CatalogException>(() => Store.CommitVersionAsync(Commit("d"), null));

        Assert.Equal(CatalogErrorKind.VersionConflict, stale.Kind);
        Assert.Equal((1, 2), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.Equal(CatalogErrorKind.VersionConflict, none.Kind);
        Assert.Equivalent(datasetBefore, await Store.GetDatasetAsync("transport", "tickets"), strict: true);
        Assert.Equal([2, 1], (await Store.ListVersionsAsync("transport", "tickets")).Select(v => v.Number));
        Assert.Equal(pathsBefore, await Store.ListReferencedFilePathsAsync());
        Assert.Null(await Store.FindVersionBySourceAsync("transport", "tickets", Sha256("c")));
    }

    [Fact]
    public async Task CommitVersionAsync_refuses_a_dataset_that_does_not_exist()
    {
        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.CommitVersionAsync(Commit("a"), null));

        Assert.Equal(CatalogErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task CommitVersionAsync_refuses_a_malformed_checksum()
    {
        await CreateTicketsAsync();

        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.CommitVersionAsync(
            Commit("a") with { Files = [new VersionFile("internal/x.parquet", 1, "not-a-sha")] }, null));

        Assert.Equal(CatalogErrorKind.InvalidValue, e.Kind);
        Assert.Null((await Store.GetDatasetAsync("transport", "tickets"))!.CurrentVersion);
    }

    [Fact]
    public async Task CommitVersionAsync_append_keeps_the_previous_files_and_earlier_versions_stay_readable()
    {
        await CreateTicketsAsync();
        var first = await Store.CommitVersionAsync(Commit("a"), null);
        var appended = await Store.CommitVersionAsync(
            Commit("b", CommitMode.Append, first.Files[0].Path, "internal/transport/tickets/2/part-0.parquet"), 1);
        var replaced = await Store.CommitVersionAsync(Commit("c"), 2);

        Assert.Equal([first.Files[0].Path, "internal/transport/tickets/2/part-0.parquet"], appended.Files.Select(f => f.Path));
        Assert.Equal(["internal/transport/tickets/c/part-0.parquet"], replaced.Files.Select(f => f.Path));
        Assert.Equivalent(first.Files, (await Store.GetVersionAsync("transport", "tickets", 1))!.Files, strict: true);
        Assert.Equivalent(appended.Files, (await Store.GetVersionAsync("transport", "tickets", 2))!.Files, strict: true);
    }

    [Fact]
    public async Task CommitVersionAsync_refuses_an_existing_path_with_other_contents()
    {
        await CreateTicketsAsync();
        var first = await Store.CommitVersionAsync(Commit("a"), null);

        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.CommitVersionAsync(
            Commit("b") with { Files = [first.Files[0] with { Sha256 = Sha256("other") }] }, 1));

        Assert.Equal(CatalogErrorKind.InvalidValue, e.Kind);
        Assert.Equal(1, (await Store.GetDatasetAsync("transport", "tickets"))!.CurrentVersion);
        Assert.Null(await Store.GetVersionAsync("transport", "tickets", 2));
    }

    [Fact]
    public async Task CommitVersionAsync_from_two_threads_on_one_expected_version_lets_exactly_one_win()
    {
        await CreateTicketsAsync();
        for (var round = 0; round < 20; round++)
        {
            int? expected = round == 0 ? null : round;
            using var start = new Barrier(2);
            var attempts = new[] { "x", "y" }.Select(side => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    return (await Store.CommitVersionAsync(Commit($"{round}{side}"), expected)).Number;
                }
                catch (CatalogException e) when (e.Kind == CatalogErrorKind.VersionConflict)
                {
                    return -1;
                }
            })).ToArray();

            var outcomes = await Task.WhenAll(attempts);

            Assert.Equal([-1, round + 1], outcomes.Order());
        }
        var winner = await Store.GetVersionAsync("transport", "tickets", 20);
        Assert.Single(winner!.Files); // never a mix of the two commits' files
    }

    [Fact]
    public async Task CommitVersionAsync_from_two_store_instances_like_two_processes_lets_exactly_one_win()
    {
        await CreateTicketsAsync();
        using var other = await ReopenAsync();
        for (var round = 0; round < 10; round++)
        {
            int? expected = round == 0 ? null : round;
            var attempts = new ICatalogStore[] { Store, other }.Select((store, i) => Task.Run(async () =>
            {
                try
                {
                    return (await store.CommitVersionAsync(Commit($"{round}-{i}"), expected)).Number;
                }
                catch (CatalogException e) when (e.Kind == CatalogErrorKind.VersionConflict)
                {
                    return -1;
                }
            })).ToArray();

            Assert.Equal([-1, round + 1], (await Task.WhenAll(attempts)).Order());
        }
    }

    [Fact]
    public async Task CommitVersionAsync_under_contention_numbers_versions_without_gaps()
    {
        await CreateTicketsAsync();
        const int writers = 4, commitsEach = 10;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var done = 0; done < commitsEach;)
            {
                var current = (await Store.GetDatasetAsync("transport", "tickets"))!.CurrentVersion;
                try
                {
                    await Store.CommitVersionAsync(Commit($"w{w}-{done}"), current);
                    done++;
                }
                catch (CatalogException e) when (e.Kind == CatalogErrorKind.VersionConflict)
                {
                    // Another writer came first: read again and retry, as the lake will.
                }
            }
        })));

        var numbers = (await Store.ListVersionsAsync("transport", "tickets")).Select(v => v.Number).Order();
        Assert.Equal(Enumerable.Range(1, writers * commitsEach), numbers);
        Assert.Equal(writers * commitsEach, (await Store.GetDatasetAsync("transport", "tickets"))!.CurrentVersion);
    }

    [Fact]
    public async Task GetVersionAsync_returns_null_for_a_missing_version_or_dataset()
    {
        await CreateTicketsAsync();

        Assert.Null(await Store.GetVersionAsync("transport", "tickets", 1));
        Assert.Null(await Store.GetVersionAsync("transport", "nothing", 1));
    }

    [Fact]
    public async Task ListVersionsAsync_lists_newest_first_and_refuses_a_missing_dataset()
    {
        await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), null);
        await Store.CommitVersionAsync(Commit("b", CommitMode.Append), 1);

        var versions = await Store.ListVersionsAsync("transport", "tickets");
        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.ListVersionsAsync("transport", "nothing"));

        Assert.Equal([(2, CommitMode.Append), (1, CommitMode.Replace)], versions.Select(v => (v.Number, v.Mode)));
        Assert.Equal(CatalogErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task FindVersionBySourceAsync_finds_the_newest_version_from_that_upload()
    {
        await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), null);
        await Store.CommitVersionAsync(Commit("b"), 1);
        await Store.CommitVersionAsync(Commit("a2") with { Source = new VersionSource("again.csv", "csv", Sha256("a")) }, 2);

        var found = await Store.FindVersionBySourceAsync("transport", "tickets", Sha256("a").ToUpperInvariant());
        var b = await Store.FindVersionBySourceAsync("transport", "tickets", Sha256("b"));

        Assert.Equal(3, found!.Number);
        Assert.Equal("again.csv", found.Source!.FileName);
        Assert.Equal(2, b!.Number);
        Assert.Null(await Store.FindVersionBySourceAsync("transport", "tickets", Sha256("never")));
    }
}
