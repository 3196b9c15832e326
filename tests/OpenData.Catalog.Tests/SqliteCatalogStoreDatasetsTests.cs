namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreDatasetsTests : CatalogStoreTestBase
{
    private static Dataset FullDataset() => new()
    {
        Department = "transport",
        Slug = "traffic_tickets-2024",
        Title = "Traffic tickets 交通违章罚单",
        Description = "Every ticket issued by the traffic police, with \"quotes\" and a newline\nin it.",
        Keywords = ["traffic", "fines", "道路"],
        Theme = "mobility",
        Licence = "ODbL-1.0",
        Access = AccessLevel.Restricted,
        UpdateFrequency = "daily",
        PersonalColumns = ["plate", "officer_id"],
        PrimaryKey = ["ticket_id"],
        PartitionColumns = ["district"],
        SortColumns = ["issued_at", "district"],
        Contract =
        [
            new ContractColumn("ticket_id", "BIGINT", Nullable: false, Description: "Ticket number"),
            new ContractColumn("fine_yuan", "DECIMAL(10,2)"),
            new ContractColumn("paid_at", "TIMESTAMP", Nullable: true, Description: null),
        ],
    };

    [Fact]
    public async Task CreateDatasetAsync_round_trips_every_field()
    {
        await Store.CreateDepartmentAsync(new Department("transport", "Transport", ""));
        var dataset = FullDataset();

        var created = await Store.CreateDatasetAsync(dataset);
        var read = await Store.GetDatasetAsync("transport", "traffic_tickets-2024");

        var expected = dataset with { CreatedAt = Clock.Now, UpdatedAt = Clock.Now, CurrentVersion = null };
        Assert.Equivalent(expected, created, strict: true);
        Assert.Equivalent(expected, read, strict: true);
    }

    [Fact]
    public async Task CreateDatasetAsync_applies_defaults_when_only_required_fields_are_given()
    {
        await Store.CreateDepartmentAsync(new Department("transport", "Transport", ""));

        var created = await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "stops", Title = "Bus stops" });

        Assert.Equal("CC-BY-4.0", created.Licence);
        Assert.Equal(AccessLevel.Internal, created.Access);
        Assert.Null(created.Contract);
        Assert.Null(created.CurrentVersion);
        Assert.Empty(created.Keywords);
        Assert.Equal("", created.Description);
    }

    [Fact]
    public async Task CreateDatasetAsync_keeps_an_empty_contract_apart_from_no_contract()
    {
        await Store.CreateDepartmentAsync(new Department("transport", "Transport", ""));

        var created = await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "s", Title = "S", Contract = [] });

        Assert.NotNull(created.Contract);
        Assert.Empty(created.Contract);
    }

    [Fact]
    public async Task CreateDatasetAsync_refuses_an_unknown_department()
    {
        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.CreateDatasetAsync(FullDataset()));

        Assert.Equal(CatalogErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task CreateDatasetAsync_refuses_a_slug_that_exists_in_the_department()
    {
        await Store.CreateDepartmentAsync(new Department("transport", "Transport", ""));
        await Store.CreateDepartmentAsync(new Department("health", "Health", ""));
        await Store.CreateDatasetAsync(FullDataset());

        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.CreateDatasetAsync(FullDataset() with { Title = "Again" }));
        await Store.CreateDatasetAsync(FullDataset() with { Department = "health" });

        Assert.Equal(CatalogErrorKind.AlreadyExists, e.Kind);
        Assert.Equal(FullDataset().Title, (await Store.GetDatasetAsync("transport", FullDataset().Slug))!.Title);
    }

    [Fact]
    public async Task UpdateDatasetAsync_replaces_metadata_but_not_the_pointer_or_creation_time()
    {
        var original = await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), null);
        Clock.Advance(TimeSpan.FromHours(1));

        var updated = await Store.UpdateDatasetAsync(original with
        {
            Title = "Tickets, renamed",
            Keywords = ["new"],
            Access = AccessLevel.Public,
            Contract = [new ContractColumn("ticket_id", "BIGINT", false)],
            CurrentVersion = 99, // catalog-owned: ignored
            CreatedAt = DateTimeOffset.UnixEpoch,
        });

        Assert.Equal("Tickets, renamed", updated.Title);
        Assert.Equal(["new"], updated.Keywords);
        Assert.Equal(AccessLevel.Public, updated.Access);
        Assert.Single(updated.Contract!);
        Assert.Equal(1, updated.CurrentVersion);
        Assert.Equal(original.CreatedAt, updated.CreatedAt);
        Assert.Equal(Clock.Now, updated.UpdatedAt);
        Assert.Equivalent(updated, await Store.GetDatasetAsync("transport", "tickets"), strict: true);
    }

    [Fact]
    public async Task UpdateDatasetAsync_refuses_a_dataset_that_does_not_exist()
    {
        await Store.CreateDepartmentAsync(new Department("transport", "Transport", ""));

        var e = await Assert.ThrowsAsync<CatalogException>(() => Store.UpdateDatasetAsync(FullDataset()));

        Assert.Equal(CatalogErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task GetDatasetAsync_returns_null_when_missing()
    {
        Assert.Null(await Store.GetDatasetAsync("transport", "tickets"));
    }

    [Fact]
    public async Task ListDatasetsAsync_lists_all_or_one_department_by_slug()
    {
        await Store.CreateDepartmentAsync(new Department("transport", "Transport", ""));
        await Store.CreateDepartmentAsync(new Department("health", "Health", ""));
        await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "tickets", Title = "T" });
        await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "stops", Title = "S" });
        await Store.CreateDatasetAsync(new Dataset { Department = "health", Slug = "appointments", Title = "A" });

        var all = await Store.ListDatasetsAsync();
        var transport = await Store.ListDatasetsAsync("transport");

        Assert.Equal(["health/appointments", "transport/stops", "transport/tickets"], all.Select(d => $"{d.Department}/{d.Slug}"));
        Assert.Equal(["stops", "tickets"], transport.Select(d => d.Slug));
    }

    [Fact]
    public async Task The_whole_list_is_kept_until_a_write_moves_Changes()
    {
        var tickets = await CreateTicketsAsync();
        var before = Store.Changes;

        var first = await Store.ListDatasetsAsync();
        var again = await Store.ListDatasetsAsync();
        await Store.UpdateDatasetAsync(tickets with { Title = "Renamed" });
        var after = await Store.ListDatasetsAsync();

        Assert.Same(first, again);
        Assert.Equal(before + 1, Store.Changes);
        Assert.Equal("Renamed", Assert.Single(after).Title);
    }
}
