using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Lake.Tests;

/// <summary>
/// Escapes tried against a sandbox: the statement check refuses them, and the sandbox itself refuses what it must
/// even when SQL gets past the check. Nothing may be written anywhere: the lake, the sandbox folder or elsewhere.
/// </summary>
public sealed class QuerySandboxTests : LakeTestBase
{
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "escape-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string, string> Refused => new()
    {
        { "COPY (SELECT 1) TO '{public}/copied.csv'", "COPY statements are not allowed" },
        { "COPY transport.tickets TO '{outside}.csv'", "COPY statements are not allowed" },
        { "EXPORT DATABASE '{outside}'", "EXPORT statements are not allowed" },
        { "EXPORT DATABASE '{public}/exported'", "EXPORT statements are not allowed" },
        { "ATTACH '{public}/attached.duckdb' AS attached", "ATTACH statements are not allowed" },
        { "INSTALL httpfs", "INSTALL statements are not allowed" },
        { "LOAD parquet", "LOAD statements are not allowed" },
        { "SET threads = 1", "SET statements are not allowed" },
        { "RESET memory_limit", "SET statements are not allowed" },
        { "PRAGMA threads = 1", "PRAGMA statements are not allowed" },
        { "PRAGMA enable_profiling", "PRAGMA statements are not allowed" },
        { "CREATE TABLE copied AS SELECT * FROM transport.tickets", "CREATE statements are not allowed" },
        { "CREATE OR REPLACE VIEW transport.tickets AS SELECT 1 AS plate", "CREATE statements are not allowed" },
        { "DROP VIEW transport.tickets", "DROP statements are not allowed" },
        { "CALL enable_logging()", "CALL statements are not allowed" },
        { "SELECT 1; COPY (SELECT 1) TO '{public}/second.csv'", "The SQL holds 2 statements" },
        { "SELECT 1 /* ; */; COPY (SELECT 1) TO '{public}/hidden.csv'", "The SQL holds 2 statements" },
        { "SELECT 1 -- harmless\n; DROP VIEW transport.tickets", "The SQL holds 2 statements" },
        { "/* SELECT */ -- SELECT\nCOPY (SELECT 1) TO '{public}/commented.csv'", "COPY statements are not allowed" },
        { "-- only a comment", "The SQL holds no statement" },
        { "EXPLAIN ANALYZE COPY (SELECT 1) TO '{public}/explained.csv'", "Only EXPLAIN followed by one SELECT is allowed" },
        { "EXPLAIN ANALYZE SELECT 1", "Only EXPLAIN followed by one SELECT is allowed" },
        { "EXPLAIN (FORMAT json) SELECT 1", "Only EXPLAIN followed by one SELECT is allowed" },
        { "SELECT * FROM enable_logging(storage = 'file', storage_path = '{public}')", "The table function enable_logging() is not available" },
        { "SELECT * FROM enable_logging(storage = 'file', storage_path = '{outside}')", "The table function enable_logging() is not available" },
        { "WITH x AS (SELECT * FROM \"ENABLE_PROFILING\"()) SELECT * FROM x", "The table function enable_profiling() is not available" },
        { "SELECT * FROM query('SELECT * FROM enable_logging()')", "The table function query() is not available" },
        { "SELECT * FROM checkpoint()", "The table function checkpoint() is not available" },
        { "EXPLAIN SELECT * FROM query_table('x')", "The table function query_table() is not available" },
        { "SELECT list_transform([1], lambda x: sleep_ms(x * 100000))", "The function sleep_ms() is not available" },
        { "SELECT write_log('x')", "The function write_log() is not available" },
        { "SELECT setseed(0.5), random()", "The function setseed() is not available" },
        { "SELECT $1 + ?", "Parameters ($1, ?, $name) are not supported" },
        { "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "Only SELECT statements are allowed" },
        { "/* explain */ EXPLAIN SELECT 1; EXPLAIN SELECT 2", "The SQL holds 2 statements" },
    };

    public static TheoryData<string, DuckDBErrorType> Unreadable => new()
    {
        { "SELECT * FROM read_csv('/etc/passwd')", DuckDBErrorType.Permission },
        { "SELECT * FROM read_text('/etc/passwd')", DuckDBErrorType.Permission },
        { "SELECT * FROM glob('/etc/*')", DuckDBErrorType.Permission },
        { "SELECT * FROM glob('{lake}/**')", DuckDBErrorType.Permission },
        { "SELECT * FROM read_parquet('{internal}')", DuckDBErrorType.Permission },
        { "SELECT * FROM read_parquet('{public}/../../../internal/transport/tickets/*/*.parquet')", DuckDBErrorType.Permission },
        { "SELECT * FROM read_parquet('https://example.com/tickets.parquet')", DuckDBErrorType.Permission },
        // A file name as a table: DuckDB may not look at the file, so the name stays an unknown table.
        { "SELECT * FROM '/etc/passwd'", DuckDBErrorType.Catalog },
    };

    public static TheoryData<string> PastTheCheck => new()
    {
        "COPY (SELECT 1) TO '{outside}.csv'",
        "EXPORT DATABASE '{outside}'",
        "ATTACH '{outside}.duckdb' AS attached",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "SET allowed_directories = ['/']",
        "RESET lock_configuration",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task The_check_refuses_and_names_what_it_refused(string sql, string message)
    {
        using var engine = await PublishAsync();
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);
        var before = Snapshot();

        var refused = Assert.Throws<QueryRefusedException>(() => session.Check(Fill(sql)));

        Assert.Contains(message, refused.Message);
        await AssertStillServesAsync(engine);
        Assert.Equal(before, Snapshot());
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetTempPath(), Path.GetFileName(_outside) + "*"));
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task Files_outside_the_sandbox_are_refused_by_DuckDB(string sql, DuckDBErrorType type)
    {
        using var engine = await PublishAsync();
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);

        var error = Assert.Throws<DuckDBException>(() => session.Check(Fill(sql)));

        Assert.Equal(type, error.ErrorType);
    }

    [Theory]
    [MemberData(nameof(PastTheCheck))]
    public async Task Statements_that_get_past_the_check_are_still_refused_by_the_locked_sandbox(string sql)
    {
        using var engine = await PublishAsync();
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);
        var before = Snapshot();

        var error = await Assert.ThrowsAsync<DuckDBException>(async () =>
        {
            // Only the check makes CheckedQuery; a test may skip it to try the sandbox alone.
            await using var reader = await session.ExecuteReaderAsync(new CheckedQuery(Fill(sql), isExplain: false), CancellationToken.None);
        });

        Assert.True(error.ErrorType is DuckDBErrorType.Permission or DuckDBErrorType.InvalidInput, error.Message);
        Assert.Equal(before, Snapshot());
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetTempPath(), Path.GetFileName(_outside) + "*"));
        await AssertStillServesAsync(engine);
    }

    [Fact]
    public async Task Every_connection_caches_Parquet_footers_those_opened_before_the_lock_and_after()
    {
        using var engine = await PublishAsync();
        var sessions = new List<QuerySession>();
        try
        {
            // More sessions at once than the sandbox keeps connections: the last ones open after the lock.
            for (var i = 0; i < 20; i++)
            {
                sessions.Add(await engine.OpenSessionAsync(QueryAudience.Public));
            }
            foreach (var session in sessions)
            {
                await using var reader = await session.ExecuteReaderAsync(
                    session.Check("SELECT current_setting('parquet_metadata_cache')"), CancellationToken.None);
                Assert.True(await reader.ReadAsync());
                Assert.True(reader.GetBoolean(0));
            }
        }
        finally
        {
            sessions.ForEach(session => session.Dispose());
        }
    }

    [Theory]
    [InlineData("SELECT count(*) FROM transport.tickets", false)]
    [InlineData("  -- counted\n  FROM transport.tickets SELECT count(*);", false)]
    [InlineData("WITH t AS (SELECT * FROM transport.tickets) SELECT count(*) FROM t", false)]
    [InlineData("SUMMARIZE transport.tickets", false)]
    [InlineData("DESCRIBE transport.tickets", false)]
    [InlineData("SELECT * FROM duckdb_views() WHERE schema_name = 'transport'", false)]
    [InlineData("/* plan */ explain SELECT count(*) FROM transport.tickets", true)]
    public async Task The_check_lets_reading_statements_through(string sql, bool isExplain)
    {
        using var engine = await PublishAsync();
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);

        var query = session.Check(sql);

        Assert.Equal(isExplain, query.IsExplain);
        await using var reader = await session.ExecuteReaderAsync(query, CancellationToken.None);
        Assert.True(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("SELECT count(*) FROM transport.tickets", "transport/tickets", true)]
    [InlineData("SELECT * FROM \"Transport\".\"tickets@v1\" WHERE plate IS NULL", "transport/tickets", false)]
    [InlineData("WITH t AS (SELECT * FROM transport.tickets) SELECT count(*) FROM t", "transport/tickets", false)]
    [InlineData("SELECT 1 FROM transport.tickets UNION ALL SELECT 2", "transport/tickets", false)]
    [InlineData("SELECT * FROM transport.tickets WHERE ticket_id IN (SELECT 1 FROM range(3))", "transport/tickets", true)]
    [InlineData("SELECT count(*) FROM information_schema.tables", "", false)]
    [InlineData("EXPLAIN SELECT 1 FROM transport.tickets", "transport/tickets", false)]
    public async Task The_check_names_the_datasets_a_query_reads_and_its_one_source(string sql, string datasets, bool readsTickets)
    {
        using var engine = await PublishAsync();
        using var session = await engine.OpenSessionAsync(QueryAudience.Everything);

        var query = session.Check(sql);

        Assert.Equal(datasets, string.Join(",", query.Datasets));
        Assert.Equal(readsTickets, query.ReadsFrom("transport", "tickets"));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"] });
    }

    private async Task<QueryEngine> PublishAsync()
    {
        await CommitAsync(Tickets(0, 100));
        return new QueryEngine(Catalog, Options, new QueryEngineOptions("256MB", 1, "100MB"));
    }

    private string Fill(string sql)
    {
        var version = Catalog.GetVersionAsync(Department, "tickets", 1).GetAwaiter().GetResult()!;
        return sql
            .Replace("{public}", Writer.Layout.DatasetFolder(LakeLayout.PublicTier, Department, "tickets"))
            .Replace("{internal}", FullPaths(version)[0])
            .Replace("{lake}", Writer.Layout.LakeFolder)
            .Replace("{outside}", _outside);
    }

    /// <summary>Every file and folder under the data folder, but the catalog database, which the engine only reads.</summary>
    private List<string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).StartsWith("catalog", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static async Task AssertStillServesAsync(QueryEngine engine)
    {
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);
        await using var reader = await session.ExecuteReaderAsync(session.Check("SELECT count(*) FROM transport.tickets"), CancellationToken.None);
        Assert.True(await reader.ReadAsync());
        Assert.Equal(100L, reader.GetInt64(0));
    }
}
