namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreSearchTests : CatalogStoreTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.CreateDepartmentAsync(new Department("transport", "Transport", ""));
        await Store.CreateDepartmentAsync(new Department("health", "Health", ""));
        await Store.CreateDepartmentAsync(new Department("utilities", "Utilities", ""));
        await Add("transport", "tickets", "Traffic tickets", "Fines issued on the roads of Shanghai.", ["traffic", "fines"], AccessLevel.Public);
        await Add("transport", "stops", "Bus stops", "Where buses stop; see also traffic counts.", ["bus"], AccessLevel.Internal);
        await Add("transport", "counts", "Vehicle counts", "Hourly counts per junction.", ["traffic", "Sensors"], AccessLevel.Restricted);
        await Add("health", "appointments", "Hospital appointments 医院预约", "门诊预约记录, booked visits.", ["appointments"], AccessLevel.Internal);
        await Add("utilities", "bills", "Utility bills", "Water and power bills; late fines included.", ["billing"], AccessLevel.Public);
    }

    private Task Add(string department, string slug, string title, string description, string[] keywords, AccessLevel access) =>
        Store.CreateDatasetAsync(new Dataset
        {
            Department = department, Slug = slug, Title = title, Description = description, Keywords = keywords, Access = access,
        });

    private async Task<string[]> Search(DatasetQuery query) =>
        (await Store.SearchDatasetsAsync(query)).Select(d => $"{d.Department}/{d.Slug}").ToArray();

    [Fact]
    public async Task SearchDatasetsAsync_ranks_title_above_keywords_above_description()
    {
        var hits = await Search(new DatasetQuery { Text = "traffic" });

        // "traffic" is in the tickets title, in the counts keywords, and only in the stops description.
        Assert.Equal(["transport/tickets", "transport/counts", "transport/stops"], hits);
    }

    [Fact]
    public async Task SearchDatasetsAsync_matches_word_prefixes_and_ignores_case_and_accents()
    {
        Assert.Equal(["transport/tickets"], await Search(new DatasetQuery { Text = "TICKET" }));
        Assert.Equal(["transport/counts"], await Search(new DatasetQuery { Text = "junctión" }));
    }

    [Fact]
    public async Task SearchDatasetsAsync_requires_every_word()
    {
        Assert.Equal(["utilities/bills"], await Search(new DatasetQuery { Text = "fines water" }));
    }

    [Fact]
    public async Task SearchDatasetsAsync_finds_chinese_words_inside_longer_runs()
    {
        Assert.Equal(["health/appointments"], await Search(new DatasetQuery { Text = "预约" }));
        Assert.Equal(["health/appointments"], await Search(new DatasetQuery { Text = "门诊" }));
        Assert.Empty(await Search(new DatasetQuery { Text = "诊门" }));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("title:traffic OR")]
    [InlineData("NEAR(a b) * ^ -")]
    [InlineData("AND")]
    public async Task SearchDatasetsAsync_reads_fts_syntax_in_user_text_as_plain_words(string text)
    {
        var hits = await Store.SearchDatasetsAsync(new DatasetQuery { Text = text });

        Assert.NotNull(hits);
    }

    [Fact]
    public async Task SearchDatasetsAsync_without_text_lists_by_department_and_slug()
    {
        var hits = await Search(new DatasetQuery { Text = "  ?! " });

        Assert.Equal(5, hits.Length);
        Assert.Equal("health/appointments", hits[0]);
    }

    [Fact]
    public async Task SearchDatasetsAsync_filters_by_department()
    {
        Assert.Equal(["utilities/bills"], await Search(new DatasetQuery { Text = "fines", Department = "utilities" }));
    }

    [Fact]
    public async Task SearchDatasetsAsync_filters_by_every_keyword_whole_and_case_insensitive()
    {
        Assert.Equal(["transport/counts", "transport/tickets"], await Search(new DatasetQuery { Keywords = ["Traffic"] }));
        Assert.Equal(["transport/counts"], await Search(new DatasetQuery { Keywords = ["traffic", "sensors"] }));
        Assert.Empty(await Search(new DatasetQuery { Keywords = ["traff"] }));
    }

    [Fact]
    public async Task SearchDatasetsAsync_shows_only_visible_levels_plus_the_owners_own_datasets()
    {
        var anonymous = await Search(new DatasetQuery { AccessLevels = [AccessLevel.Public] });
        var analyst = await Search(new DatasetQuery { AccessLevels = [AccessLevel.Public, AccessLevel.Internal] });
        var healthPublisher = await Search(new DatasetQuery { AccessLevels = [AccessLevel.Public], OwnerDepartment = "health" });

        Assert.Equal(["transport/tickets", "utilities/bills"], anonymous);
        Assert.Equal(["health/appointments", "transport/stops", "transport/tickets", "utilities/bills"], analyst);
        Assert.Equal(["health/appointments", "transport/tickets", "utilities/bills"], healthPublisher);
    }

    [Fact]
    public async Task SearchDatasetsAsync_shows_granted_datasets_whatever_their_level()
    {
        var granted = await Search(new DatasetQuery
        {
            AccessLevels = [AccessLevel.Public], GrantedDatasets = ["transport/counts", "health/appointments", "transport/nothing"],
        });
        var analyst = await Search(new DatasetQuery
        {
            AccessLevels = [AccessLevel.Public, AccessLevel.Internal], GrantedDatasets = ["transport/counts"], Department = "transport",
        });

        Assert.Equal(["health/appointments", "transport/counts", "transport/tickets", "utilities/bills"], granted);
        Assert.Equal(["transport/counts", "transport/stops", "transport/tickets"], analyst);
    }

    [Fact]
    public async Task SearchDatasetsAsync_pages_with_limit_and_offset()
    {
        Assert.Equal(["transport/counts", "transport/stops"], await Search(new DatasetQuery { Limit = 2, Offset = 1 }));
    }

    [Fact]
    public async Task SearchDatasetsAsync_sees_updated_text_only()
    {
        var stops = (await Store.GetDatasetAsync("transport", "stops"))!;
        await Store.UpdateDatasetAsync(stops with { Title = "Tram halts", Description = "", Keywords = ["tram"] });

        Assert.Empty(await Search(new DatasetQuery { Text = "bus" }));
        Assert.Equal(["transport/stops"], await Search(new DatasetQuery { Text = "tram" }));
    }
}
