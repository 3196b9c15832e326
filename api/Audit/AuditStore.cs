using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace OpenData.Api;

/// <summary>
/// The audit log in <c>audit.db</c> in the data folder: apart from keys.db, so that a write per request never
/// competes with the key lookups every request makes. Append-only. Use <see cref="AuditLog"/>, which never throws.
/// </summary>
public sealed class AuditStore
{
    public const string FileName = "audit.db";

    private const string Columns = "id, time, key_id, key_name, role, action, datasets, rows, bytes, duration_ms, status, error, detail";

    private readonly string _connectionString;

    // One writer at a time in this process: requests queue here instead of spinning on SQLITE_BUSY.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public AuditStore(OpenDataOptions options, TimeProvider time)
    {
        DatabasePath = Path.Combine(options.DataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        SqliteSchema.Apply(connection, AuditSchema.Steps, time.GetUtcNow());
    }

    public string DatabasePath { get; }

    /// <summary>One insert. Cancellation is not honoured on purpose: an aborted request must still be logged.</summary>
    public async Task AppendAsync(AuditEntry entry)
    {
        await _writeGate.WaitAsync();
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            // NORMAL: in WAL mode a commit survives a crash of the program without an fsync per entry; only a power
            // cut can lose the last entries.
            command.CommandText = """
                PRAGMA synchronous = NORMAL;
                INSERT INTO audit_entries (time, key_id, key_name, role, action, datasets, rows, bytes, duration_ms, status, error, detail)
                VALUES ($time, $key_id, $key_name, $role, $action, $datasets, $rows, $bytes, $duration_ms, $status, $error, $detail);
                """;
            command.Parameters.AddWithValue("$time", SqliteTime.Text(entry.Time));
            command.Parameters.AddWithValue("$key_id", (object?)entry.KeyId ?? DBNull.Value);
            command.Parameters.AddWithValue("$key_name", (object?)entry.KeyName ?? DBNull.Value);
            command.Parameters.AddWithValue("$role", entry.Role is { } role ? ApiKeyStore.RoleText(role) : DBNull.Value);
            command.Parameters.AddWithValue("$action", ActionText(entry.Action));
            command.Parameters.AddWithValue("$datasets", JsonSerializer.Serialize(entry.Datasets));
            command.Parameters.AddWithValue("$rows", (object?)entry.Rows ?? DBNull.Value);
            command.Parameters.AddWithValue("$bytes", (object?)entry.Bytes ?? DBNull.Value);
            command.Parameters.AddWithValue("$duration_ms", entry.DurationMs);
            command.Parameters.AddWithValue("$status", entry.Status);
            command.Parameters.AddWithValue("$error", (object?)entry.Error ?? DBNull.Value);
            command.Parameters.AddWithValue("$detail", (object?)entry.Detail ?? DBNull.Value);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The entries that match, newest first (by time, then by id).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM audit_entries WHERE 1 = 1");
        if (query.From is { } from)
        {
            sql.Append(" AND time >= $from");
            command.Parameters.AddWithValue("$from", SqliteTime.Text(from));
        }
        if (query.To is { } to)
        {
            sql.Append(" AND time < $to");
            command.Parameters.AddWithValue("$to", SqliteTime.Text(to));
        }
        if (query.KeyId is not null)
        {
            sql.Append(" AND key_id = $key_id");
            command.Parameters.AddWithValue("$key_id", query.KeyId);
        }
        if (query.Action is { } action)
        {
            sql.Append(" AND action = $action");
            command.Parameters.AddWithValue("$action", ActionText(action));
        }
        if (query.Dataset is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each(datasets) WHERE value = $dataset)");
            command.Parameters.AddWithValue("$dataset", query.Dataset);
        }
        if (query.Before is { } before)
        {
            // A cursor, not an offset: entries recorded while an admin pages do not shift the pages.
            sql.Append(" AND (time, id) < (SELECT time, id FROM audit_entries WHERE id = $before)");
            command.Parameters.AddWithValue("$before", before);
        }
        sql.Append(" ORDER BY time DESC, id DESC LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", Math.Max(0, query.Limit));
        command.CommandText = sql.ToString();

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader));
        }
        return entries;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static string ActionText(AuditAction action) => action.ToString().ToLowerInvariant();

    private static AuditEntry Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Time = SqliteTime.Parse(reader.GetString(1)),
        KeyId = reader.IsDBNull(2) ? null : reader.GetString(2),
        KeyName = reader.IsDBNull(3) ? null : reader.GetString(3),
        Role = reader.IsDBNull(4) ? null : Enum.Parse<ApiKeyRole>(reader.GetString(4), ignoreCase: true),
        Action = Enum.Parse<AuditAction>(reader.GetString(5), ignoreCase: true),
        Datasets = JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
        Rows = reader.IsDBNull(7) ? null : reader.GetInt64(7),
        Bytes = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        DurationMs = reader.GetInt64(9),
        Status = reader.GetInt32(10),
        Error = reader.IsDBNull(11) ? null : reader.GetString(11),
        Detail = reader.IsDBNull(12) ? null : reader.GetString(12),
    };
}
