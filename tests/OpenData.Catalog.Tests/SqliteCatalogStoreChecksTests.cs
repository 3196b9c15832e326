namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreChecksTests : CatalogStoreTestBase
{
    [Fact]
    public async Task A_datasets_checks_and_a_versions_findings_round_trip()
    {
        var dataset = await CreateTicketsAsync();
        DataCheck[] checks =
        [
            new() { Kind = DataCheckKind.NotNull, Column = "district" },
            new() { Kind = DataCheckKind.Freshness, Column = "issued_at", MaxAge = TimeSpan.FromDays(2), Name = "fresh" },
        ];
        await Store.UpdateDatasetAsync(dataset with { Checks = checks });
        await Store.CommitVersionAsync(Commit("a"), expectedCurrentVersion: null);
        VersionCheck[] findings =
        [
            new("not_null(district)", false, "1 row(s) break the check not_null(district).", 1, ["district", "plate"], [[null, "沪A00001"]]),
            new("fresh", true, null, 0, [], []),
        ];

        Assert.Null((await Store.GetVersionAsync("transport", "tickets", 1))!.Checks);
        await Store.RecordVersionChecksAsync("transport", "tickets", 1, findings);

        Assert.Equivalent(checks, (await Store.GetDatasetAsync("transport", "tickets"))!.Checks, strict: true);
        Assert.Equivalent(findings, (await Store.GetVersionAsync("transport", "tickets", 1))!.Checks, strict: true);
        Assert.Equivalent(findings, (await Store.ListVersionsAsync("transport", "tickets"))[0].Checks, strict: true);
    }

    [Fact]
    public async Task Deleting_a_checked_version_deletes_its_findings()
    {
        await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), expectedCurrentVersion: null);
        await Store.RecordVersionChecksAsync("transport", "tickets", 1, [new("fresh", true, null, 0, [], [])]);
        await Store.CommitVersionAsync(Commit("b"), expectedCurrentVersion: 1);

        await Store.DeleteVersionsAsync("transport", "tickets", [1]);

        Assert.Null(await Store.GetVersionAsync("transport", "tickets", 1));
        Assert.Null((await Store.GetVersionAsync("transport", "tickets", 2))!.Checks);
    }

    [Fact]
    public async Task Recording_findings_for_a_version_that_does_not_exist_is_NotFound()
    {
        await CreateTicketsAsync();

        var error = await Assert.ThrowsAsync<CatalogException>(() => Store.RecordVersionChecksAsync("transport", "tickets", 7, []));

        Assert.Equal(CatalogErrorKind.NotFound, error.Kind);
        Assert.Contains("no version 7", error.Message);
    }
}
