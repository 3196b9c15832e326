using System.Data;

namespace OpenData.DuckDB.Tests;

public sealed class DuckDBConnectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("duckdb-connection-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Open_applies_settings_from_the_connection_string()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:;threads=1;memory_limit=256MB;default_order=DESC");
        connection.Open();

        Assert.Equal("1", Scalar(connection, "SELECT current_setting('threads')::VARCHAR"));
        Assert.Equal("244.1 MiB", Scalar(connection, "SELECT current_setting('memory_limit')"));
        Assert.Equal("desc", Scalar(connection, "SELECT lower(current_setting('default_order'))"));
    }

    [Fact]
    public void Open_read_only_file_refuses_writes()
    {
        var path = Path.Combine(_folder, "ro.duckdb");
        using (var writer = new DuckDBConnection($"Data Source={path}"))
        {
            writer.Open();
            Execute(writer, "CREATE TABLE t AS SELECT 42 AS answer");
        }

        using var reader = new DuckDBConnection($"Data Source={path};access_mode=READ_ONLY");
        reader.Open();
        Assert.Equal(42, Scalar(reader, "SELECT answer FROM t"));
        var error = Assert.Throws<DuckDBException>(() => Execute(reader, "INSERT INTO t VALUES (1)"));
        Assert.Contains("read-only", error.Message);
    }

    [Fact]
    public void Open_shares_one_database_per_path()
    {
        var path = Path.Combine(_folder, "shared.duckdb");
        using var first = new DuckDBConnection($"Data Source={path}");
        using var second = new DuckDBConnection($"DataSource={path}");
        first.Open();
        second.Open();

        Execute(first, "CREATE TABLE shared AS SELECT 7 AS n");

        Assert.Equal(7, Scalar(second, "SELECT n FROM shared"));
    }

    [Fact]
    public void Open_keeps_in_memory_databases_private_unless_named()
    {
        using var privateOne = Opened(":memory:");
        using var privateTwo = Opened(":memory:");
        using var namedOne = Opened(":memory:tickets");
        using var namedTwo = Opened(":memory:tickets");

        Execute(privateOne, "CREATE TABLE only_here (n INT)");
        Execute(namedOne, "CREATE TABLE everywhere AS SELECT 1 AS n");

        Assert.Throws<DuckDBException>(() => Scalar(privateTwo, "SELECT count(*) FROM only_here"));
        Assert.Equal(1, Scalar(namedTwo, "SELECT n FROM everywhere"));
    }

    [Fact]
    public void Open_with_an_unknown_setting_throws_naming_it()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:;no_such_setting=1");

        var error = Assert.Throws<DuckDBException>(connection.Open);

        Assert.Contains("no_such_setting", error.Message);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void Open_with_an_unopenable_path_throws_with_duckdbs_reason()
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_folder, "missing", "folder", "x.duckdb")}");

        var error = Assert.Throws<DuckDBException>(connection.Open);

        Assert.Contains("x.duckdb", error.Message);
    }

    [Fact]
    public void Close_closes_open_readers_and_commands_then_fail_clearly()
    {
        var connection = Opened(":memory:");
        var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM range(100000)";
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var states = new List<ConnectionState>();
        connection.StateChange += (_, change) => states.Add(change.CurrentState);

        connection.Close();

        Assert.True(reader.IsClosed);
        Assert.Equal([ConnectionState.Closed], states);
        Assert.Throws<InvalidOperationException>(() => reader.Read());
        var error = Assert.Throws<InvalidOperationException>(() => command.ExecuteNonQuery());
        Assert.Contains("Open()", error.Message);
    }

    [Fact]
    public void BeginTransaction_rolls_back_unless_committed()
    {
        using var connection = Opened(":memory:");
        Execute(connection, "CREATE TABLE t (n INT)");

        using (var rolledBack = connection.BeginTransaction())
        {
            Execute(connection, "INSERT INTO t VALUES (1)");
        }

        using (var committed = connection.BeginTransaction())
        {
            Execute(connection, "INSERT INTO t VALUES (2)");
            committed.Commit();
            Assert.Throws<InvalidOperationException>(committed.Commit);
        }

        Assert.Equal(2, Scalar(connection, "SELECT sum(n)::INT FROM t"));
    }

    [Fact]
    public void ServerVersion_is_the_library_version()
    {
        using var connection = Opened(":memory:");

        Assert.Equal("v1.5.6", connection.ServerVersion);
        Assert.Equal(Scalar(connection, "SELECT version()"), DuckDBConnection.LibraryVersion);
    }

    private static DuckDBConnection Opened(string dataSource)
    {
        var connection = new DuckDBConnection($"Data Source={dataSource}");
        connection.Open();
        return connection;
    }

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
