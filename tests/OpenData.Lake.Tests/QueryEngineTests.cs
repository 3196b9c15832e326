using System.Reflection;
using OpenData.Catalog;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Lake.Tests;

/// <summary>The query engine over a real lake: views per dataset and version, tiers per audience, commits while queries run.</summary>
public sealed class QueryEngineTests : LakeTestBase
{
    private static readonly QueryAudience Analysts = QueryAudience.Analyst([]);

    [Fact]
    public async Task Public_audience_reads_the_public_projection_without_personal_columns()
    {
        await CreatePublicTicketsAsync();
        var version = await CommitAsync(Tickets(0, 100));
        await CreateDatasetAsync("inspections");
        await CommitAsync(Tickets(0, 10), dataset: "inspections");
        using var engine = NewEngine();

        Assert.Equal(["ticket_id", "district", "fine_yuan"], await ColumnsAsync(engine, QueryAudience.Public, "SELECT * FROM transport.tickets"));
        Assert.Equal(100L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));
        var named = await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, QueryAudience.Public, "SELECT plate FROM transport.tickets"));
        Assert.Contains("plate", named.Message);
        var hidden = await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.inspections"));
        Assert.Equal(DuckDBErrorType.Catalog, hidden.ErrorType);
        // The internal files of the same public dataset are outside the public sandbox.
        var byPath = await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(
            engine, QueryAudience.Public, $"SELECT count(*) FROM read_parquet('{FullPaths(version)[0]}')"));
        Assert.Equal(DuckDBErrorType.Permission, byPath.ErrorType);
    }

    [Fact]
    public async Task Analysts_read_public_and_internal_datasets_but_not_restricted_ones_even_by_path()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        await CreateDatasetAsync("inspections");
        await CommitAsync(Tickets(0, 10), dataset: "inspections");
        await CreateDatasetAsync("tickets-secret", d => d with { Access = AccessLevel.Restricted });
        var secret = await CommitAsync(Tickets(0, 5), dataset: "tickets-secret");
        using var engine = NewEngine();

        Assert.Contains("plate", await ColumnsAsync(engine, Analysts, "SELECT * FROM transport.tickets"));
        Assert.Equal(110L, await ScalarAsync(engine, Analysts,
            "SELECT (SELECT count(*) FROM transport.tickets) + (SELECT count(*) FROM transport.inspections)"));
        var hidden = await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, Analysts, "SELECT count(*) FROM transport.\"tickets-secret\""));
        Assert.Equal(DuckDBErrorType.Catalog, hidden.ErrorType);
        // Its folder shares the internal tier and even the prefix "tickets" with visible ones: still not readable.
        foreach (var sql in new[]
                 {
                     $"SELECT count(*) FROM read_parquet('{FullPaths(secret)[0]}')",
                     $"SELECT count(*) FROM glob('{Writer.Layout.TierFolder(LakeLayout.InternalTier)}/*')",
                     $"SELECT count(*) FROM read_parquet('{Writer.Layout.DatasetFolder(LakeLayout.InternalTier, Department, "tickets")}/../tickets-secret/*/*.parquet')",
                 })
        {
            var error = await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, Analysts, sql));
            Assert.Equal(DuckDBErrorType.Permission, error.ErrorType);
        }
    }

    [Fact]
    public async Task Granted_restricted_datasets_get_a_sandbox_of_their_own()
    {
        await CreateDatasetAsync("tickets-secret", d => d with { Access = AccessLevel.Restricted });
        await CommitAsync(Tickets(0, 5), dataset: "tickets-secret");
        using var engine = NewEngine();

        Assert.Equal(5L, await ScalarAsync(engine, QueryAudience.Analyst(["transport/tickets-secret"]), "SELECT count(*) FROM transport.\"tickets-secret\""));
        await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, Analysts, "SELECT count(*) FROM transport.\"tickets-secret\""));
        Assert.Equal(5L, await ScalarAsync(engine, QueryAudience.Everything, "SELECT count(*) FROM transport.\"tickets-secret\""));
    }

    [Fact]
    public async Task A_department_reads_all_its_own_data_and_only_the_public_projection_of_others()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        await CreateDatasetAsync("inspections", d => d with { Access = AccessLevel.Restricted });
        await CommitAsync(Tickets(0, 10), dataset: "inspections");
        await Catalog.CreateDepartmentAsync(new Department("health", "Health Bureau", "data@health.example"));
        using var engine = NewEngine();

        var transport = QueryAudience.Department(Department, []);
        Assert.Contains("plate", await ColumnsAsync(engine, transport, "SELECT * FROM transport.tickets"));
        Assert.Equal(10L, await ScalarAsync(engine, transport, "SELECT count(*) FROM transport.inspections"));
        var health = QueryAudience.Department("health", []);
        Assert.DoesNotContain("plate", await ColumnsAsync(engine, health, "SELECT * FROM transport.tickets"));
        await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, health, "SELECT count(*) FROM transport.inspections"));
    }

    [Fact]
    public async Task A_commit_moves_the_dataset_view_and_every_kept_version_stays_queryable_by_name()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        using var engine = NewEngine();
        Assert.Equal(100L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));

        await CommitAsync(Tickets(1000, 1010));
        await CommitAsync(Tickets(2000, 2005), CommitMode.Append);

        foreach (var audience in new[] { QueryAudience.Public, Analysts })
        {
            Assert.Equal(15L, await ScalarAsync(engine, audience, "SELECT count(*) FROM transport.tickets"));
            Assert.Equal(100L, await ScalarAsync(engine, audience, "SELECT count(*) FROM transport.\"tickets@v1\""));
            Assert.Equal(1009L, await ScalarAsync(engine, audience, "SELECT max(ticket_id) FROM transport.\"tickets@v2\""));
            Assert.Equal(15L, await ScalarAsync(engine, audience, "SELECT count(*) FROM transport.\"tickets@v3\""));
        }
        Assert.DoesNotContain("plate", await ColumnsAsync(engine, QueryAudience.Public, "SELECT * FROM transport.\"tickets@v1\""));
    }

    [Fact]
    public async Task A_running_query_finishes_on_the_version_it_started_with_while_a_commit_moves_the_view()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 50_000));
        using var engine = NewEngine();
        using var running = await engine.OpenSessionAsync(QueryAudience.Public);
        await using var reader = await running.ExecuteReaderAsync(running.Check("SELECT ticket_id FROM transport.tickets"), CancellationToken.None);
        Assert.True(await reader.ReadAsync());

        await CommitAsync(Tickets(100_000, 100_010));
        Assert.Equal(10L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));

        long rows = 1;
        var highest = reader.GetInt64(0);
        while (await reader.ReadAsync())
        {
            rows++;
            highest = Math.Max(highest, reader.GetInt64(0));
        }
        Assert.Equal((50_000L, 49_999L), (rows, highest));
    }

    [Fact]
    public async Task A_newly_visible_dataset_brings_a_new_sandbox_and_the_old_one_closes_with_its_last_session()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        using var engine = NewEngine();
        var old = await engine.OpenSessionAsync(QueryAudience.Public);
        var oldFolders = Directory.GetDirectories(engine.SandboxesFolder);

        await CreateDatasetAsync("buses", d => d with { Access = AccessLevel.Public });
        await CommitAsync(Tickets(0, 7), dataset: "buses");

        Assert.Equal(7L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.buses"));
        Assert.Equal(2, Directory.GetDirectories(engine.SandboxesFolder).Length);
        // The session opened before still runs, in the sandbox it was opened on.
        await using (var reader = await old.ExecuteReaderAsync(old.Check("SELECT count(*) FROM transport.tickets"), CancellationToken.None))
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(100L, reader.GetInt64(0));
        }
        old.Dispose();
        Assert.False(Directory.Exists(Assert.Single(oldFolders)));
        Assert.Single(Directory.GetDirectories(engine.SandboxesFolder));
    }

    [Fact]
    public async Task Versions_leave_time_travel_when_retention_ends_them()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        await CommitAsync(Tickets(100, 110));
        var time = new ShiftedTime();
        using var engine = NewEngine(time);
        Assert.Equal(100L, await ScalarAsync(engine, Analysts, "SELECT count(*) FROM transport.\"tickets@v1\""));

        time.Shift = Options.Retention + TimeSpan.FromMinutes(1);

        var gone = await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, Analysts, "SELECT count(*) FROM transport.\"tickets@v1\""));
        Assert.Equal(DuckDBErrorType.Catalog, gone.ErrorType);
        Assert.Equal(10L, await ScalarAsync(engine, Analysts, "SELECT count(*) FROM transport.\"tickets@v2\""));
        Assert.Equal(10L, await ScalarAsync(engine, Analysts, "SELECT count(*) FROM transport.tickets"));
    }

    [Fact]
    public async Task A_column_marked_personal_after_a_commit_leaves_the_public_views_at_once()
    {
        var dataset = await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        using var engine = NewEngine();
        Assert.Contains("district", await ColumnsAsync(engine, QueryAudience.Public, "SELECT * FROM transport.tickets"));

        await Catalog.UpdateDatasetAsync(dataset with { PersonalColumns = ["plate", "District"] });

        Assert.Equal(["ticket_id", "fine_yuan"], await ColumnsAsync(engine, QueryAudience.Public, "SELECT * FROM transport.tickets"));
        Assert.Equal(["ticket_id", "fine_yuan"], await ColumnsAsync(engine, QueryAudience.Public, "SELECT * FROM transport.\"tickets@v1\""));
        Assert.Contains("district", await ColumnsAsync(engine, Analysts, "SELECT * FROM transport.tickets"));
    }

    [Fact]
    public async Task A_version_whose_files_are_gone_answers_with_an_error_that_says_so()
    {
        await CreatePublicTicketsAsync();
        var version = await CommitAsync(Tickets(0, 100));
        foreach (var path in FullPaths(version))
        {
            File.Delete(path);
        }
        using var engine = NewEngine();

        var error = await Assert.ThrowsAsync<DuckDBException>(() => ScalarAsync(engine, Analysts, "SELECT count(*) FROM transport.tickets"));
        Assert.Contains("Version 1 of transport/tickets cannot be read", error.Message);
        // The other datasets are not held up by it.
        Assert.Equal(100L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));
    }

    [Fact]
    public async Task Sandboxes_are_locked_with_only_their_datasets_and_their_own_folder_allowed()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 10));
        await CreateDatasetAsync("inspections");
        using var engine = NewEngine();

        var settings = (await RowsAsync(engine, QueryAudience.Public,
                "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', " +
                "'autoinstall_known_extensions', 'autoload_known_extensions', 'memory_limit', 'threads', 'allowed_directories')"))
            .ToDictionary(row => (string)row[0]!, row => row[1]?.ToString());

        Assert.Equal("false", settings["enable_external_access"]);
        Assert.Equal("true", settings["lock_configuration"]);
        Assert.Equal("false", settings["autoinstall_known_extensions"]);
        Assert.Equal("false", settings["autoload_known_extensions"]);
        Assert.Equal("2", settings["threads"]);
        var sandbox = Assert.Single(Directory.GetDirectories(engine.SandboxesFolder));
        var allowed = (await RowsAsync(engine, QueryAudience.Public,
                "SELECT unnest(value::VARCHAR[]) FROM duckdb_settings() WHERE name = 'allowed_directories'"))
            .Select(row => (string)row[0]!).Order().ToList();
        Assert.Equal(
            new[]
            {
                Writer.Layout.DatasetFolder(LakeLayout.PublicTier, Department, "tickets") + "/",
                sandbox + "/",
                Path.Combine(sandbox, "temp") + "/",
            }.Order(),
            allowed);
    }

    [Fact]
    public async Task Parquet_exports_hold_at_most_max_rows_say_when_they_were_cut_and_go_when_disposed()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        using var engine = NewEngine();
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);
        var query = session.Check("SELECT ticket_id, district FROM transport.tickets ORDER BY ticket_id DESC");

        string path;
        using (var export = await session.ExportParquetAsync(query, 30, CancellationToken.None))
        {
            (path, var rows, var truncated) = (export.Path, export.Rows, export.Truncated);
            Assert.Equal((30L, true), (rows, truncated));
            Assert.Equal([30L, 99L, 70L], Rows($"SELECT count(*), max(ticket_id), min(ticket_id) FROM read_parquet('{path}')")[0]);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        Assert.False(File.Exists(path));

        using var whole = await session.ExportParquetAsync(query, 100, CancellationToken.None);
        Assert.Equal((100L, false), (whole.Rows, whole.Truncated));
        Assert.Equal(99L, Scalar<long>($"SELECT first(ticket_id) FROM read_parquet('{whole.Path}')"));
    }

    [Fact]
    public async Task Cancelling_stops_a_cross_join_at_once()
    {
        using var engine = NewEngine();
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);
        var query = session.Check("SELECT count(*) FROM range(1000000000) AS a, range(100000) AS b WHERE a.range + b.range = -1");
        using var cancel = new QueryTimeLimit(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var reader = await session.ExecuteReaderAsync(query, cancel.Token);
            await reader.ReadAsync(cancel.Token);
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.3), $"stopped after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_long_query_reports_its_progress_even_after_every_connection_that_could_was_lost_to_an_interrupt()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 2_000_000));
        using var engine = NewEngine();
        // Every connection made before the sandbox's lock is taken and interrupted: none of them is kept.
        var sessions = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => engine.OpenSessionAsync(QueryAudience.Public)));
        // The server's kind of time limit: sixteen queries block every pool thread there is on two busy cores, and the
        // pool adds threads slowly while the CPU is busy, so a pool timer could fire minutes late.
        using (var cancel = new QueryTimeLimit(TimeSpan.FromMilliseconds(300)))
        {
            await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
            {
                using (session)
                {
                    var query = session.Check("SELECT count(*) FROM range(1000000000) AS a, range(100000) AS b WHERE a.range + b.range = -1");
                    // Sixteen at once on two cores: an interrupt may also land while a query starts, as DuckDB's error.
                    await Assert.ThrowsAnyAsync<Exception>(async () =>
                    {
                        await using var reader = await session.ExecuteReaderAsync(query, cancel.Token);
                        await reader.ReadAsync(cancel.Token);
                    });
                }
            })));
        }

        using var watched = await engine.OpenSessionAsync(QueryAudience.Public);
        var slow = watched.Check("SELECT max(md5(concat(district, ticket_id, repeat('x', 300)))) FROM transport.tickets");
        var running = Task.Run(async () =>
        {
            await using var reader = await watched.ExecuteReaderAsync(slow, CancellationToken.None);
            await reader.ReadAsync();
        });
        var seen = new List<double>();
        while (!running.IsCompleted)
        {
            if (watched.Progress is { } progress)
            {
                seen.Add(progress);
            }
            // Not Task.Delay: its timer needs a pool thread, and other tests' queries may hold them all for a second.
            Thread.Sleep(10);
        }
        await running;

        Assert.Contains(seen, progress => progress is > 0 and < 1);
        Assert.All(seen, progress => Assert.InRange(progress, 0, 1));
    }

    [Fact]
    public async Task A_connection_interrupted_by_its_session_is_not_kept_and_the_next_sessions_run_whole_queries()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        using var engine = NewEngine();
        using (var session = await engine.OpenSessionAsync(QueryAudience.Public))
        {
            var query = session.Check("SELECT count(*) FROM range(1000000000) AS a, range(100000) AS b WHERE a.range + b.range = -1");
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await using var reader = await session.ExecuteReaderAsync(query, cancel.Token);
                await reader.ReadAsync(cancel.Token);
            });
        }

        // Sessions after it, on kept connections or new ones, are not stopped by an interrupt meant for it.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(100L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));
        }
    }

    [Fact]
    public async Task Checks_are_kept_per_sandbox_and_each_check_binds_anew_in_its_own()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 100));
        await CreateDatasetAsync("inspections");
        await CommitAsync(Tickets(0, 10), dataset: "inspections");
        using var engine = NewEngine();
        const string sql = "SELECT count(*) FROM transport.inspections";

        CheckedQuery first, again;
        using (var session = await engine.OpenSessionAsync(Analysts))
        {
            first = session.Check(sql);
        }
        using (var session = await engine.OpenSessionAsync(Analysts))
        {
            again = session.Check(sql);
        }
        Assert.Same(first, again);
        // The public sandbox has no such view: the check kept for analysts does not let the text through there.
        using (var session = await engine.OpenSessionAsync(QueryAudience.Public))
        {
            Assert.Equal(DuckDBErrorType.Catalog, Assert.Throws<DuckDBException>(() => session.Check(sql)).ErrorType);
        }
        // A kept check pins no data: after a commit the same text reads the new version.
        await CommitAsync(Tickets(0, 30), dataset: "inspections");
        Assert.Equal(30L, await ScalarAsync(engine, Analysts, sql));
    }

    [Fact]
    public async Task One_catalog_read_serves_the_requests_that_follow_until_the_catalog_changes()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 10));
        var catalog = SlowListing.Wrap(Catalog);
        using var engine = new QueryEngine((ICatalogStore)catalog, Options, new QueryEngineOptions("512MB", 2, "1GB"));

        // The first reads; the others, arriving during its read or after it, find the catalog unchanged.
        var sessions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => engine.OpenSessionAsync(QueryAudience.Public)));
        foreach (var session in sessions)
        {
            session.Dispose();
        }
        Assert.Equal(1, catalog.Reads);

        await CommitAsync(Tickets(0, 20));
        Assert.Equal(20L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));
        Assert.Equal(20L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));
        Assert.Equal(2, catalog.Reads);
    }

    [Fact]
    public async Task A_sandbox_without_sessions_for_its_idle_time_is_closed_and_built_again_when_needed()
    {
        await CreatePublicTicketsAsync();
        await CommitAsync(Tickets(0, 10));
        using var engine = new QueryEngine(Catalog, Options, new QueryEngineOptions("512MB", 2, "1GB") { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        var running = await engine.OpenSessionAsync(QueryAudience.Public);

        // A sandbox with a session open is in use, however long the session lasts: the next session joins it.
        await Task.Delay(1000);
        (await engine.OpenSessionAsync(QueryAudience.Public)).Dispose();
        Assert.Single(Directory.GetDirectories(engine.SandboxesFolder));
        await using (var reader = await running.ExecuteReaderAsync(running.Check("SELECT count(*) FROM transport.tickets"), CancellationToken.None))
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(10L, reader.GetInt64(0));
        }
        running.Dispose();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.GetDirectories(engine.SandboxesFolder).Length > 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }
        Assert.Empty(Directory.GetDirectories(engine.SandboxesFolder));
        Assert.Equal(10L, await ScalarAsync(engine, QueryAudience.Public, "SELECT count(*) FROM transport.tickets"));
    }

    private QueryEngine NewEngine(TimeProvider? time = null) => new(Catalog, Options, new QueryEngineOptions("512MB", 2, "1GB"), time);

    private Task<Dataset> CreatePublicTicketsAsync() =>
        CreateDatasetAsync(change: d => d with { Access = AccessLevel.Public, PersonalColumns = ["plate"] });

    private static async Task<List<object?[]>> RowsAsync(QueryEngine engine, QueryAudience audience, string sql)
    {
        using var session = await engine.OpenSessionAsync(audience);
        await using var reader = await session.ExecuteReaderAsync(session.Check(sql), CancellationToken.None);
        return reader.ReadRows();
    }

    private static async Task<object?> ScalarAsync(QueryEngine engine, QueryAudience audience, string sql) =>
        Assert.Single(await RowsAsync(engine, audience, sql))[0];

    private static async Task<List<string>> ColumnsAsync(QueryEngine engine, QueryAudience audience, string sql) =>
        (await RowsAsync(engine, audience, "DESCRIBE " + sql)).Select(row => (string)row[0]!).ToList();

    /// <summary>The catalog, with a listing of datasets that takes a while and is counted.</summary>
    public class SlowListing : DispatchProxy
    {
        private ICatalogStore _inner = null!;
        private int _reads;

        public int Reads => _reads;

        public static SlowListing Wrap(ICatalogStore inner)
        {
            var proxy = (SlowListing)(object)Create<ICatalogStore, SlowListing>();
            proxy._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method!.Name == nameof(ICatalogStore.ListDatasetsAsync) ? ListSlowlyAsync(method, args) : method.Invoke(_inner, args);

        private async Task<IReadOnlyList<Dataset>> ListSlowlyAsync(MethodInfo method, object?[]? args)
        {
            Interlocked.Increment(ref _reads);
            await Task.Delay(300);
            return await (Task<IReadOnlyList<Dataset>>)method.Invoke(_inner, args)!;
        }
    }

    /// <summary>The system clock moved on by <see cref="Shift"/>.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
