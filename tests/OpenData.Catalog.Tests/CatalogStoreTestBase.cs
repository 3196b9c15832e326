using Microsoft.Data.Sqlite;

namespace OpenData.Catalog.Tests;

/// <summary>
/// Gives each test (xunit builds one instance per test) a fresh temp folder with a real catalog.db,
/// and helpers to build departments, datasets and commits.
/// </summary>
public abstract class CatalogStoreTestBase : IAsyncLifetime
{
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "catalog-tests-" + Guid.NewGuid().ToString("N"));

    protected TestClock Clock { get; } = new();

    protected SqliteCatalogStore Store { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Store = await SqliteCatalogStore.OpenAsync(Folder, Clock);

    public Task DisposeAsync()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    protected Task<SqliteCatalogStore> ReopenAsync() => SqliteCatalogStore.OpenAsync(Folder, Clock);

    /// <summary>A department "transport" and its dataset "tickets", ready for commits.</summary>
    protected async Task<Dataset> CreateTicketsAsync(ICatalogStore? store = null)
    {
        store ??= Store;
        if (await store.GetDepartmentAsync("transport") is null)
        {
            await store.CreateDepartmentAsync(new Department("transport", "Transport Bureau", "data@transport.example"));
        }
        return await store.CreateDatasetAsync(new Dataset
        {
            Department = "transport",
            Slug = "tickets",
            Title = "Traffic tickets",
            PrimaryKey = ["ticket_id"],
        });
    }

    protected static VersionCommit Commit(string tag, CommitMode mode = CommitMode.Replace, params string[] files) =>
        new()
        {
            Department = "transport",
            Dataset = "tickets",
            CreatedBy = "transport-publisher",
            Mode = mode,
            RowCount = 10,
            Bytes = 1000,
            Files = (files.Length == 0 ? [$"internal/transport/tickets/{tag}/part-0.parquet"] : files)
                .Select(path => new VersionFile(path, 500, Sha256(path)))
                .ToList(),
            Source = new VersionSource($"{tag}.csv", "csv", Sha256(tag)),
        };

    protected static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
