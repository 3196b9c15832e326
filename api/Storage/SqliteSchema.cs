using Microsoft.Data.Sqlite;

namespace OpenData.Api;

/// <summary>
/// Numbered schema steps for the host's own SQLite files (keys.db, audit.db), as catalog/ does for catalog.db:
/// a step runs once, in the transaction that records it in <c>schema_version</c>. Never edit a released step: add one.
/// </summary>
public static class SqliteSchema
{
    public static void Apply(SqliteConnection connection, IReadOnlyList<string> steps, DateTimeOffset now)
    {
        // WAL: the per-request reads (key lookups, audit queries) never wait for a write. The setting sticks to
        // the file and cannot change inside a transaction.
        Execute(connection, null, "PRAGMA journal_mode = WAL;");

        // IMMEDIATE: two programs starting on one file apply each step once, one after the other.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);");
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var current = (int)(long)read.ExecuteScalar()!;
        if (current > steps.Count)
        {
            throw new InvalidOperationException(
                $"{connection.DataSource} has schema version {current}, newer than this program's {steps.Count}: run a newer version of the program.");
        }

        for (var version = current + 1; version <= steps.Count; version++)
        {
            Execute(connection, transaction, steps[version - 1]);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $now);";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$now", SqliteTime.Text(now));
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
