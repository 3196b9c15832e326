using System.Net;

namespace OpenData.Api.Tests;

/// <summary>
/// Issue 5's escapes over HTTP, as an anonymous caller and as an analyst: each is a 400 problem saying what was refused,
/// nothing is written anywhere (the lake, the sandboxes, or outside the data folder), and the server goes on answering.
/// </summary>
[Collection(SqlLakeCollection.Name)]
public sealed class SqlEscapeTests(SqlLake lake)
{
    private static readonly string Outside = Path.Combine(Path.GetTempPath(), "sql-escape-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string, string> Escapes => new()
    {
        { "SELECT * FROM read_csv('/etc/passwd')", "Permission Error" },
        { "SELECT * FROM read_text('/etc/passwd')", "Permission Error" },
        { "SELECT * FROM read_parquet('{data}/lake/internal/{transport}/officer-notes/*/*.parquet')", "Permission Error" },
        { "SELECT * FROM glob('{data}/lake/*')", "Permission Error" },
        { "SELECT * FROM glob('/etc/*')", "Permission Error" },
        { "COPY (SELECT 1) TO '{data}/lake/public/{transport}/traffic-tickets/copied.csv'", "COPY statements are not allowed" },
        { "COPY (SELECT * FROM {tickets}) TO '{outside}.csv'", "COPY statements are not allowed" },
        { "EXPORT DATABASE '{data}/lake/public/{transport}/traffic-tickets/exported'", "EXPORT statements are not allowed" },
        { "EXPORT DATABASE '{outside}'", "EXPORT statements are not allowed" },
        { "ATTACH '{data}/lake/public/{transport}/traffic-tickets/attached.duckdb' AS attached", "ATTACH statements are not allowed" },
        { "ATTACH '{outside}.duckdb' AS attached", "ATTACH statements are not allowed" },
        { "INSTALL httpfs", "INSTALL statements are not allowed" },
        { "LOAD httpfs", "LOAD statements are not allowed" },
        { "SET enable_external_access = true", "SET statements are not allowed" },
        { "SET allowed_directories = ['/']", "SET statements are not allowed" },
        { "RESET lock_configuration", "RESET statements are not allowed" },
        { "PRAGMA enable_profiling", "PRAGMA statements are not allowed" },
        { "CREATE TABLE stolen AS SELECT * FROM {tickets}", "CREATE statements are not allowed" },
        { "CREATE OR REPLACE VIEW {tickets} AS SELECT 'x' AS plate_number", "CREATE statements are not allowed" },
        { "INSERT INTO {tickets} VALUES (7, 'pudong', 1.0)", "INSERT statements are not allowed" },
        { "SELECT 1; COPY (SELECT 1) TO '{data}/lake/public/{transport}/traffic-tickets/second.csv'", "The SQL holds 2 statements" },
        { "SELECT 1 -- nothing to see\n; COPY (SELECT 1) TO '{outside}.csv'", "The SQL holds 2 statements" },
        { "SELECT 1 /* ; */; ATTACH '{outside}.duckdb'", "The SQL holds 2 statements" },
        { "/* SELECT 1; */ COPY (SELECT 1) TO '{outside}.csv'", "COPY statements are not allowed" },
        { "EXPLAIN ANALYZE COPY (SELECT 1) TO '{data}/lake/public/{transport}/traffic-tickets/explained.csv'", "Only EXPLAIN followed by one SELECT" },
        { "SELECT * FROM enable_logging(storage = 'file', storage_path = '{outside}')", "enable_logging() is not available" },
        { "SELECT * FROM query('SELECT 1')", "query() is not available" },
        { "SELECT sleep_ms(600000)", "sleep_ms() is not available" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Anonymous_escapes_are_refused_and_write_nothing(string sql, string refused) =>
        await AssertRefusedAsync(null, sql, refused);

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Analyst_escapes_are_refused_and_write_nothing(string sql, string refused) =>
        await AssertRefusedAsync(lake.AnalystKey, sql, refused);

    private async Task AssertRefusedAsync(string? key, string sql, string refused)
    {
        // A first query builds the caller's sandbox, so that its folder is there before.
        await lake.QueryAsync(key, "SELECT 1");
        var before = Snapshot();

        var detail = await ProblemAssert.Detail(await lake.PostAsync(key, new { sql = Fill(sql) }), HttpStatusCode.BadRequest);

        Assert.Contains(refused, detail);
        Assert.Equal(before, Snapshot());
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetTempPath(), Path.GetFileName(Outside) + "*"));
        Assert.Equal(6, (await lake.QueryAsync(key, $"SELECT count(*) FROM {lake.Tickets}")).GetProperty("rows")[0][0].GetInt64());
    }

    private string Fill(string sql) => sql
        .Replace("{tickets}", lake.Tickets)
        .Replace("{transport}", lake.Transport)
        .Replace("{data}", lake.Factory.DataDirectory)
        .Replace("{outside}", Outside);

    /// <summary>Every file and folder under the data folder but the SQLite databases, which requests may write (audit).</summary>
    private List<string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(lake.Factory.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".db", StringComparison.Ordinal) && !path.EndsWith("-wal", StringComparison.Ordinal)
                && !path.EndsWith("-shm", StringComparison.Ordinal) && !path.EndsWith("-journal", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
}
