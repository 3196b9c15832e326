using Microsoft.Data.Sqlite;
using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake.Tests;

/// <summary>
/// Gives each test (xunit builds one instance per test) a fresh data folder with a real SQLite catalog, a lake
/// writer over it, and an in-memory DuckDB connection for sources and for reading the Parquet files back.
/// </summary>
public abstract class LakeTestBase : IAsyncLifetime
{
    protected const string Department = "transport";

    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "lake-tests-" + Guid.NewGuid().ToString("N"));

    protected LakeOptions Options { get; private set; } = null!;

    protected SqliteCatalogStore Catalog { get; private set; } = null!;

    protected LakeWriter Writer { get; private set; } = null!;

    protected DuckDBConnection Connection { get; } = new();

    public virtual async Task InitializeAsync()
    {
        Options = new LakeOptions { DataDirectory = Folder, RowGroupSize = 2048 };
        Catalog = await SqliteCatalogStore.OpenAsync(Folder);
        Writer = new LakeWriter(Catalog, Options);
        Connection.Open();
        await Catalog.CreateDepartmentAsync(new Department(Department, "Transport Bureau", "data@transport.example"));
    }

    public Task DisposeAsync()
    {
        Connection.Dispose();
        Catalog.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    protected Task<Dataset> CreateDatasetAsync(string slug = "tickets", Func<Dataset, Dataset>? change = null)
    {
        var dataset = new Dataset { Department = Department, Slug = slug, Title = "Traffic tickets", PrimaryKey = ["ticket_id"] };
        return Catalog.CreateDatasetAsync(change is null ? dataset : change(dataset));
    }

    protected Task<DatasetVersion> CommitAsync(string sourceSql, CommitMode mode = CommitMode.Replace, string dataset = "tickets") =>
        Writer.CommitAsync(Connection, Request(sourceSql, mode, dataset));

    protected static LakeCommitRequest Request(string sourceSql, CommitMode mode = CommitMode.Replace, string dataset = "tickets") =>
        new() { Department = Department, Dataset = dataset, SourceSql = sourceSql, Mode = mode, CreatedBy = "transport-publisher" };

    /// <summary>Tickets <paramref name="from"/>..<paramref name="to"/>-1 in a scrambled order, with a personal plate column.</summary>
    protected static string Tickets(int from, int to, string fine = "(i % 100) * 1.5") =>
        $"""
        SELECT i AS ticket_id,
               ['huangpu', 'jingan', 'pudong', 'xuhui'][i % 4 + 1] AS district,
               {fine} AS fine_yuan,
               '沪A' || lpad((i * 7919 % 100000)::VARCHAR, 5, '0') AS plate
        FROM range({from}, {to}) AS t(i) ORDER BY hash(i)
        """;

    protected IReadOnlyList<string> FullPaths(DatasetVersion version, string tier = LakeLayout.InternalTier) =>
        version.Files.Where(f => LakeLayout.IsInTier(f.Path, tier)).Select(f => Writer.Layout.ToFullPath(f.Path)).ToList();

    /// <summary>The snapshot's rows of one tier as DuckDB sees them.</summary>
    protected string ReadVersion(DatasetVersion version, string tier = LakeLayout.InternalTier) =>
        $"read_parquet([{string.Join(", ", FullPaths(version, tier).Select(p => $"'{p}'"))}], hive_partitioning = false, union_by_name = true)";

    protected T Scalar<T>(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected List<object?[]> Rows(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return reader.ReadRows();
    }

    protected List<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList() : [];
}
