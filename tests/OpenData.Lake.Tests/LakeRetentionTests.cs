using OpenData.Catalog;

namespace OpenData.Lake.Tests;

public sealed class LakeRetentionTests : LakeTestBase
{
    [Fact]
    public async Task RunAsync_deletes_expired_versions_and_their_files_but_never_the_current_ones()
    {
        await CreateDatasetAsync();
        var first = await CommitAsync(Tickets(0, 10));
        var second = await CommitAsync(Tickets(10, 20), CommitMode.Append);
        var third = await CommitAsync(Tickets(20, 30), CommitMode.Append);
        Options.Retention = TimeSpan.Zero;

        var result = await new LakeRetention(Catalog, Options).RunAsync();

        Assert.Equal(2, result.VersionsDeleted);
        // Every file of versions 1 and 2 is still in the current version 3, so none may go.
        Assert.Equal(0, result.FilesDeleted);
        Assert.Equal([3], (await Catalog.ListVersionsAsync(Department, "tickets")).Select(v => v.Number));
        Assert.Equal(30, Scalar<long>($"SELECT count(*) FROM {ReadVersion(third)}"));
        Assert.Equal(third.Files.Count, FilesUnder(Writer.Layout.LakeFolder).Count);
        Assert.Subset(third.Files.ToHashSet(), first.Files.Concat(second.Files).ToHashSet());
    }

    [Fact]
    public async Task RunAsync_removes_files_only_superseded_versions_hold()
    {
        await CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"] });
        var first = await CommitAsync(Tickets(0, 10));
        var second = await CommitAsync(Tickets(10, 20));
        Options.Retention = TimeSpan.Zero;

        var result = await new LakeRetention(Catalog, Options).RunAsync();

        Assert.Equal((1, 2), (result.VersionsDeleted, result.FilesDeleted));
        Assert.Equal(first.Files.Sum(f => f.Size), result.BytesDeleted);
        Assert.All(first.Files, f => Assert.False(File.Exists(Writer.Layout.ToFullPath(f.Path))));
        Assert.Equal(
            second.Files.Select(f => Writer.Layout.ToFullPath(f.Path)).Order(),
            FilesUnder(Writer.Layout.LakeFolder).Order());
        // The emptied snapshot folders go too.
        Assert.Single(Directory.GetDirectories(Writer.Layout.DatasetFolder(LakeLayout.InternalTier, Department, "tickets")));
    }

    [Fact]
    public async Task RunAsync_keeps_versions_within_the_retention()
    {
        await CreateDatasetAsync();
        await CommitAsync(Tickets(0, 10));
        await CommitAsync(Tickets(10, 20));

        var result = await new LakeRetention(Catalog, Options).RunAsync();

        Assert.Equal(new LakeCleanupResult(0, 0, 0), result);
        Assert.Equal(2, FilesUnder(Writer.Layout.LakeFolder).Count);
    }
}
