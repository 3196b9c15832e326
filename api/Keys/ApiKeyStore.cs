using Microsoft.Data.Sqlite;

namespace OpenData.Api;

/// <summary>
/// API keys in <c>keys.db</c> in the data folder, apart from the catalog (whose schema belongs to catalog/).
/// Only SHA-256 hashes of secrets are stored; a secret is returned once, when the key is created.
/// </summary>
public sealed class ApiKeyStore
{
    public const string FileName = "keys.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS api_keys (
            id         TEXT PRIMARY KEY,
            name       TEXT NOT NULL,
            role       TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'analyst')),
            department TEXT,
            hash       TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public ApiKeyStore(OpenDataOptions options, TimeProvider? time = null)
    {
        DatabasePath = Path.Combine(options.DataDirectory, FileName);
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        using var connection = Open();
        Execute(connection, Schema);
    }

    public string DatabasePath { get; }

    /// <summary>Creates a key and returns it with its secret, which is not stored and cannot be read again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(
        string name, ApiKeyRole role, string? department, CancellationToken cancellationToken = default)
    {
        var secret = ApiKeySecret.New();
        var key = new ApiKey(ApiKeySecret.NewId(), name, role, department, _time.GetUtcNow());
        await SaveAsync(key, secret, cancellationToken);
        return (key, secret);
    }

    /// <summary>Stores <paramref name="secret"/> under <paramref name="key"/>'s id, replacing that id's previous secret.</summary>
    public async Task SaveAsync(ApiKey key, string secret, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (id, name, role, department, hash, created_at)
            VALUES ($id, $name, $role, $department, $hash, $created_at)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
                department = excluded.department, hash = excluded.hash;
            """;
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$role", RoleText(key.Role));
        command.Parameters.AddWithValue("$department", (object?)key.Department ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", ApiKeySecret.Hash(secret));
        command.Parameters.AddWithValue("$created_at", key.CreatedAt.ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The key whose secret this is, or null.</summary>
    public async Task<ApiKey?> FindAsync(string secret, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, role, department, created_at FROM api_keys WHERE hash = $hash;";
        command.Parameters.AddWithValue("$hash", ApiKeySecret.Hash(secret));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new ApiKey(
            reader.GetString(0),
            reader.GetString(1),
            Enum.Parse<ApiKeyRole>(reader.GetString(2), ignoreCase: true),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM api_keys WHERE role = 'admin');";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public static string RoleText(ApiKeyRole role) => role.ToString().ToLowerInvariant();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
