using Microsoft.Data.Sqlite;

namespace OpenData.Catalog.Tests;

public sealed class SqliteCatalogStoreMigrationTests : CatalogStoreTestBase
{
    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Store.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task OpenAsync_creates_catalog_db_in_the_folder_in_wal_mode()
    {
        Assert.Equal(Path.Combine(Folder, "catalog.db"), Store.DatabasePath);
        Assert.True(File.Exists(Store.DatabasePath));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(4L, await ScalarAsync("SELECT COUNT(*) FROM schema_version;")); // one row per migration step
    }

    [Fact]
    public async Task OpenAsync_again_keeps_everything_and_does_not_rerun_migrations()
    {
        await CreateTicketsAsync();
        var committed = await Store.CommitVersionAsync(Commit("a"), null);
        var dataset = await Store.GetDatasetAsync("transport", "tickets");
        Store.Dispose();

        using (await ReopenAsync()) { }
        using var reopened = await ReopenAsync();

        Assert.Equivalent(dataset, await reopened.GetDatasetAsync("transport", "tickets"), strict: true);
        Assert.Equivalent(committed, await reopened.GetVersionAsync("transport", "tickets", 1), strict: true);
        Assert.Equal(["transport/tickets"], (await reopened.SearchDatasetsAsync(new DatasetQuery { Text = "traffic" }))
            .Select(d => $"{d.Department}/{d.Slug}"));
        Assert.Equal(4L, await ScalarAsync("SELECT COUNT(*) FROM schema_version;")); // one row per migration step
    }

    [Fact]
    public async Task Migration_steps_are_harmless_when_run_again()
    {
        await CreateTicketsAsync();
        await ScalarAsync("DELETE FROM schema_version;"); // as if the records of the steps were lost

        using var reopened = await ReopenAsync();

        Assert.NotNull(await reopened.GetDatasetAsync("transport", "tickets"));
        Assert.Equal(4L, await ScalarAsync("SELECT COUNT(*) FROM schema_version;")); // one row per migration step
    }

    [Fact]
    public async Task OpenAsync_from_two_threads_on_a_new_folder_migrates_once()
    {
        var folder = Path.Combine(Folder, "fresh");

        var stores = await Task.WhenAll(
            Task.Run(() => SqliteCatalogStore.OpenAsync(folder)), Task.Run(() => SqliteCatalogStore.OpenAsync(folder)));

        foreach (var store in stores)
        {
            Assert.Empty(await store.ListDepartmentsAsync());
            store.Dispose();
        }
    }

    [Fact]
    public async Task OpenAsync_refuses_a_catalog_from_a_newer_program()
    {
        await ScalarAsync("INSERT INTO schema_version (version, applied_at) VALUES (999, 'later');");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(ReopenAsync);

        Assert.Contains("999", e.Message);
    }

    [Fact]
    public async Task Foreign_keys_are_enforced_so_the_current_version_row_cannot_disappear()
    {
        await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), null);
        await using var connection = new SqliteConnection($"Data Source={Store.DatabasePath};Foreign Keys=True;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM versions;";

        var e = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(19, e.SqliteErrorCode); // SQLITE_CONSTRAINT
    }
}
