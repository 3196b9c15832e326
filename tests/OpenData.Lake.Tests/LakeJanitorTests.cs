namespace OpenData.Lake.Tests;

public sealed class LakeJanitorTests : LakeTestBase
{
    [Fact]
    public async Task RunAsync_removes_old_unreferenced_files_and_stale_staging_but_keeps_referenced_ones()
    {
        await CreateDatasetAsync();
        var version = await CommitAsync(Tickets(0, 10));
        var orphan = Path.Combine(Writer.Layout.DatasetFolder(LakeLayout.InternalTier, Department, "tickets"), "0123", "part-0.parquet");
        var staged = Path.Combine(Writer.Layout.StagingFolder, "4567", "part-0.parquet");
        foreach (var path in new[] { orphan, staged })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, "left by a crash");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-2));
        }

        var result = await new LakeJanitor(Catalog, Options).RunAsync();

        Assert.Equal((2, 30L), (result.FilesDeleted, result.BytesDeleted));
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(staged));
        Assert.True(File.Exists(Writer.Layout.ToFullPath(version.Files[0].Path)));
    }

    [Fact]
    public async Task RunAsync_spares_unreferenced_files_within_the_grace_period()
    {
        await CreateDatasetAsync();
        var orphan = Path.Combine(Writer.Layout.DatasetFolder(LakeLayout.InternalTier, Department, "tickets"), "0123", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllTextAsync(orphan, "a commit in flight");

        var result = await new LakeJanitor(Catalog, Options).RunAsync();

        Assert.Equal(0, result.FilesDeleted);
        Assert.True(File.Exists(orphan));
    }
}
