namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreRetentionTests : CatalogStoreTestBase
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Versions 1..4 one day apart: 1, 2 and 3 superseded on days 1, 2 and 3; 4 current.</summary>
    private async Task CommitFourDailyVersionsAsync()
    {
        await CreateTicketsAsync();
        for (var n = 1; n <= 4; n++)
        {
            await Store.CommitVersionAsync(Commit($"v{n}"), n == 1 ? null : n - 1);
            Clock.Advance(Day);
        }
    }

    [Fact]
    public async Task ListExpiredVersionsAsync_lists_versions_superseded_before_the_cutoff_never_the_current_one()
    {
        var start = Clock.Now;
        await CommitFourDailyVersionsAsync();

        var expired = await Store.ListExpiredVersionsAsync(start + 2.5 * Day);
        var everything = await Store.ListExpiredVersionsAsync(DateTimeOffset.MaxValue);

        Assert.Equal([1, 2], expired.Select(v => v.Number));
        Assert.Equal([1, 2, 3], everything.Select(v => v.Number));
    }

    [Fact]
    public async Task DeleteVersionsAsync_deletes_only_the_old_versions_and_returns_their_files()
    {
        var start = Clock.Now;
        await CommitFourDailyVersionsAsync();
        var expired = await Store.ListExpiredVersionsAsync(start + 2.5 * Day);

        var removable = await Store.DeleteVersionsAsync("transport", "tickets", expired.Select(v => v.Number).ToArray());

        Assert.Equal(
            ["internal/transport/tickets/v1/part-0.parquet", "internal/transport/tickets/v2/part-0.parquet"],
            removable.Select(f => f.Path));
        Assert.Equal([4, 3], (await Store.ListVersionsAsync("transport", "tickets")).Select(v => v.Number));
        Assert.Single((await Store.GetVersionAsync("transport", "tickets", 3))!.Files);
        Assert.Equal(4, (await Store.GetDatasetAsync("transport", "tickets"))!.CurrentVersion);
        Assert.Equal(
            ["internal/transport/tickets/v3/part-0.parquet", "internal/transport/tickets/v4/part-0.parquet"],
            (await Store.ListReferencedFilePathsAsync()).Order());
    }

    [Fact]
    public async Task DeleteVersionsAsync_refuses_the_current_version_and_deletes_nothing()
    {
        await CommitFourDailyVersionsAsync();

        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.DeleteVersionsAsync("transport", "tickets", [1, 4]));

        Assert.Equal(CatalogErrorKind.VersionConflict, e.Kind);
        Assert.Equal(4, (await Store.ListVersionsAsync("transport", "tickets")).Count);
    }

    [Fact]
    public async Task DeleteVersionsAsync_keeps_files_that_a_kept_version_still_references()
    {
        await CreateTicketsAsync();
        var first = await Store.CommitVersionAsync(Commit("a"), null);
        var appendedPath = "internal/transport/tickets/2/part-0.parquet";
        await Store.CommitVersionAsync(Commit("b", CommitMode.Append, first.Files[0].Path, appendedPath), 1);
        await Store.CommitVersionAsync(Commit("c"), 2);

        var afterFirst = await Store.DeleteVersionsAsync("transport", "tickets", [1]);
        var afterSecond = await Store.DeleteVersionsAsync("transport", "tickets", [2]);

        Assert.Empty(afterFirst); // version 2 still holds version 1's file
        Assert.Equal([first.Files[0].Path, appendedPath], afterSecond.Select(f => f.Path));
        Assert.Equal(["internal/transport/tickets/c/part-0.parquet"], await Store.ListReferencedFilePathsAsync());
    }

    [Fact]
    public async Task DeleteVersionsAsync_ignores_numbers_that_do_not_exist()
    {
        await CommitFourDailyVersionsAsync();
        await Store.DeleteVersionsAsync("transport", "tickets", [1]);

        var removable = await Store.DeleteVersionsAsync("transport", "tickets", [1, 42]);

        Assert.Empty(removable);
        Assert.Equal(3, (await Store.ListVersionsAsync("transport", "tickets")).Count);
    }

    [Fact]
    public async Task ListReferencedFilePathsAsync_covers_every_kept_version_of_every_dataset()
    {
        await CreateTicketsAsync();
        await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "stops", Title = "Stops" });
        await Store.CommitVersionAsync(Commit("a"), null);
        await Store.CommitVersionAsync(Commit("b"), 1);
        await Store.CommitVersionAsync(Commit("s") with { Dataset = "stops", Files = [new VersionFile("internal/transport/stops/1/part-0.parquet", 1, Sha256("s"))] }, null);

        var paths = await Store.ListReferencedFilePathsAsync();

        Assert.Equal(
            ["internal/transport/stops/1/part-0.parquet", "internal/transport/tickets/a/part-0.parquet", "internal/transport/tickets/b/part-0.parquet"],
            paths.Order());
    }
}
