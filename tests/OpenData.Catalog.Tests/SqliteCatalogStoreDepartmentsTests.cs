namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreDepartmentsTests : CatalogStoreTestBase
{
    [Fact]
    public async Task CreateDepartmentAsync_round_trips_every_field()
    {
        var department = new Department("health", "卫生健康委员会 Health Commission", "open-data@health.example");

        var created = await Store.CreateDepartmentAsync(department);

        Assert.Equal(department, created);
        Assert.Equal(department, await Store.GetDepartmentAsync("health"));
    }

    [Fact]
    public async Task CreateDepartmentAsync_refuses_a_slug_that_exists()
    {
        await Store.CreateDepartmentAsync(new Department("health", "Health", "a@example"));

        var e = await Assert.ThrowsAsync<CatalogException>(
            () => Store.CreateDepartmentAsync(new Department("health", "Other", "b@example")));

        Assert.Equal(CatalogErrorKind.AlreadyExists, e.Kind);
        Assert.Equal("Health", (await Store.GetDepartmentAsync("health"))!.Name);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("Transport")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("-lead")]
    public async Task CreateDepartmentAsync_refuses_a_slug_unfit_for_urls_and_paths(string slug)
    {
        var e = await Assert.ThrowsAsync<CatalogException>(
            () => Store.CreateDepartmentAsync(new Department(slug, "Name", "c@example")));

        Assert.Equal(CatalogErrorKind.InvalidValue, e.Kind);
        Assert.Empty(await Store.ListDepartmentsAsync());
    }

    [Fact]
    public async Task GetDepartmentAsync_returns_null_when_missing()
    {
        Assert.Null(await Store.GetDepartmentAsync("nobody"));
    }

    [Fact]
    public async Task ListDepartmentsAsync_orders_by_slug()
    {
        await Store.CreateDepartmentAsync(new Department("utilities", "Utilities", ""));
        await Store.CreateDepartmentAsync(new Department("finance", "Finance", ""));
        await Store.CreateDepartmentAsync(new Department("health", "Health", ""));

        var slugs = (await Store.ListDepartmentsAsync()).Select(d => d.Slug);

        Assert.Equal(["finance", "health", "utilities"], slugs);
    }
}
