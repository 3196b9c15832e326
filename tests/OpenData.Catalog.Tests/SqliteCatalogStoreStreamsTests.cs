namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreStreamsTests : CatalogStoreTestBase
{
    private async Task BindAsync(string topic = "tickets-topic")
    {
        await CreateTicketsAsync();
        await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "tickets-rejects", Title = "Rejects" });
        await Store.PutStreamAsync(new StreamBinding
        {
            Department = "transport", Dataset = "tickets", Topic = topic, RejectsDataset = "tickets-rejects", CreatedBy = "test",
        });
    }

    private static StreamOffsetRange R(string topic, int partition, long from, long to) => new(topic, partition, from, to);

    private static VersionCommit Streamed(string tag, params StreamOffsetRange[] ranges) =>
        Commit(tag, CommitMode.Append) with { Source = null, StreamOffsets = ranges };

    [Fact]
    public async Task PutStreamAsync_binds_and_rebinds_a_dataset_and_lists_it()
    {
        await BindAsync();
        var changed = await Store.PutStreamAsync(new StreamBinding
        {
            Department = "transport", Dataset = "tickets", Topic = "other", RejectsDataset = "tickets-rejects",
            FlushInterval = TimeSpan.FromMilliseconds(500), FlushSize = 10,
        });

        var streams = await Store.ListStreamsAsync();

        var stream = Assert.Single(streams);
        Assert.Equal(changed, stream);
        Assert.Equal(("other", 10, TimeSpan.FromMilliseconds(500), "test"), (stream.Topic, stream.FlushSize, stream.FlushInterval, stream.CreatedBy));
    }

    [Fact]
    public async Task PutStreamAsync_refuses_a_topic_bound_to_another_dataset()
    {
        await BindAsync();
        await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "cameras", Title = "Cameras" });

        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.PutStreamAsync(new StreamBinding
        {
            Department = "transport", Dataset = "cameras", Topic = "tickets-topic", RejectsDataset = "tickets-rejects",
        }));

        Assert.Equal(CatalogErrorKind.AlreadyExists, e.Kind);
    }

    [Theory]
    [InlineData("bad topic", "json", 1000, 10)]
    [InlineData("t", "avro", 1000, 10)]
    [InlineData("t", "json", 0, 10)]
    [InlineData("t", "json", 1000, 0)]
    public async Task PutStreamAsync_refuses_invalid_settings(string topic, string format, int intervalMs, int size)
    {
        await BindAsync();

        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.PutStreamAsync(new StreamBinding
        {
            Department = "transport", Dataset = "tickets", Topic = topic, Format = format, RejectsDataset = "tickets-rejects",
            FlushInterval = TimeSpan.FromMilliseconds(intervalMs), FlushSize = size,
        }));

        Assert.Equal(CatalogErrorKind.InvalidValue, e.Kind);
    }

    [Fact]
    public async Task CommitVersionAsync_stores_the_offsets_with_the_version()
    {
        await BindAsync();

        await Store.CommitVersionAsync(Streamed("a", R("t", 0, 0, 10), R("t", 1, 0, 5)), null);
        await Store.CommitVersionAsync(Streamed("b", R("t", 0, 10, 20)), 1);

        var positions = await Store.GetStreamPositionsAsync("transport", "tickets");
        Assert.Equal([("t", 0, 20L), ("t", 1, 5L)], positions.Select(p => (p.Topic, p.Partition, p.NextOffset)));
    }

    [Fact]
    public async Task CommitVersionAsync_refuses_offsets_the_dataset_already_holds_and_writes_nothing()
    {
        await BindAsync();
        await Store.CommitVersionAsync(Streamed("a", R("t", 0, 0, 10)), null);

        var e = await Assert.ThrowsAsync<CatalogException>(
            () => Store.CommitVersionAsync(Streamed("b", R("t", 1, 0, 3), R("t", 0, 5, 20)), 1));

        Assert.Equal(CatalogErrorKind.StreamOffsetConflict, e.Kind);
        Assert.Equal(1, (await Store.GetDatasetAsync("transport", "tickets"))!.CurrentVersion);
        Assert.Equal([("t", 0, 10L)], (await Store.GetStreamPositionsAsync("transport", "tickets")).Select(p => (p.Topic, p.Partition, p.NextOffset)));
    }

    [Fact]
    public async Task CommitVersionAsync_accepts_a_range_that_starts_past_the_stored_position()
    {
        await BindAsync();
        await Store.CommitVersionAsync(Streamed("a", R("t", 0, 0, 10)), null);

        await Store.CommitVersionAsync(Streamed("b", R("t", 0, 15, 20)), 1);

        Assert.Equal(20L, Assert.Single(await Store.GetStreamPositionsAsync("transport", "tickets")).NextOffset);
    }
}
