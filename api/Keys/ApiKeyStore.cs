using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace OpenData.Api;

/// <summary>
/// API keys in <c>keys.db</c> in the data folder, apart from the catalog (whose schema belongs to catalog/).
/// Only SHA-256 hashes of secrets are stored; a secret is returned once, when the key is created. Nothing is
/// cached: every lookup reads the file, so a revocation holds from the next request on.
/// </summary>
public sealed class ApiKeyStore
{
    public const string FileName = "keys.db";

    private const string SelectKey = "SELECT id, name, role, department, created_at, grants, expires_at, revoked_at FROM api_keys";

    // Active at $now: what authenticates, and what the last-admin rule counts.
    private const string Active = "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $now)";

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
            // Seconds to wait for another writer (a revocation racing a creation) instead of failing.
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        SqliteSchema.Apply(connection, KeysSchema.Steps, _time.GetUtcNow());
    }

    public string DatabasePath { get; }

    /// <summary>Creates a key and returns it with its secret, which is not stored and cannot be read again.</summary>
    public Task<(ApiKey Key, string Secret)> CreateAsync(
        string name, ApiKeyRole role, string? department, CancellationToken cancellationToken = default) =>
        CreateAsync(name, role, department, [], null, cancellationToken);

    /// <inheritdoc cref="CreateAsync(string, ApiKeyRole, string?, CancellationToken)"/>
    /// <param name="grants">Datasets as "department/dataset", checked by the caller.</param>
    /// <param name="expiresAt">When the key stops working; null: never.</param>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(
        string name, ApiKeyRole role, string? department, IReadOnlyList<string> grants, DateTimeOffset? expiresAt,
        CancellationToken cancellationToken = default)
    {
        var secret = ApiKeySecret.New();
        var key = new ApiKey(ApiKeySecret.NewId(), name, role, department, _time.GetUtcNow())
        {
            Grants = grants,
            ExpiresAt = expiresAt,
        };
        await SaveAsync(key, secret, cancellationToken);
        return (key, secret);
    }

    /// <summary>
    /// Stores <paramref name="secret"/> under <paramref name="key"/>'s id, replacing that id's previous secret,
    /// grants and expiry, and lifting a revocation: the configured admin key is whatever the configuration says.
    /// </summary>
    public async Task SaveAsync(ApiKey key, string secret, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (id, name, role, department, hash, created_at, grants, expires_at, revoked_at)
            VALUES ($id, $name, $role, $department, $hash, $created_at, $grants, $expires_at, NULL)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
                department = excluded.department, hash = excluded.hash, grants = excluded.grants,
                expires_at = excluded.expires_at, revoked_at = NULL;
            """;
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$role", RoleText(key.Role));
        command.Parameters.AddWithValue("$department", (object?)key.Department ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", ApiKeySecret.Hash(secret));
        command.Parameters.AddWithValue("$created_at", SqliteTime.Text(key.CreatedAt));
        command.Parameters.AddWithValue("$grants", JsonSerializer.Serialize(key.Grants));
        command.Parameters.AddWithValue("$expires_at", key.ExpiresAt is { } expires ? SqliteTime.Text(expires) : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The key whose secret this is, or null; revoked and expired keys too, so the refusal can say why.</summary>
    public async Task<ApiKey?> FindAsync(string secret, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"{SelectKey} WHERE hash = $hash;";
        command.Parameters.AddWithValue("$hash", ApiKeySecret.Hash(secret));
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<ApiKey?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"{SelectKey} WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Every key, revoked and expired ones included, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"{SelectKey} ORDER BY created_at, id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }
        return keys;
    }

    /// <summary>Revokes the key, unless it is the last active admin key. One write transaction, so two admins
    /// revoking each other at once cannot both succeed.</summary>
    public async Task<(KeyRevocation Outcome, ApiKey? Key)> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = Open();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{SelectKey} WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", SqliteTime.Text(now));
        if (await ReadOneAsync(command, cancellationToken) is not { } key)
        {
            return (KeyRevocation.NotFound, null);
        }
        if (key.RevokedAt is not null)
        {
            return (KeyRevocation.Revoked, key);
        }
        if (key.Role == ApiKeyRole.Admin && key.StateAt(now) == ApiKeyState.Active)
        {
            command.CommandText = $"SELECT COUNT(*) FROM api_keys WHERE role = 'admin' AND {Active} AND id <> $id;";
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return (KeyRevocation.LastActiveAdmin, key);
            }
        }

        command.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE id = $id;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (KeyRevocation.Revoked, key with { RevokedAt = now });
    }

    /// <summary>Whether some admin key is neither revoked nor expired.</summary>
    public async Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM api_keys WHERE role = 'admin' AND {Active});";
        command.Parameters.AddWithValue("$now", SqliteTime.Text(_time.GetUtcNow()));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public static string RoleText(ApiKeyRole role) => role.ToString().ToLowerInvariant();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static async Task<ApiKey?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ApiKey Read(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            Enum.Parse<ApiKeyRole>(reader.GetString(2), ignoreCase: true),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            SqliteTime.Parse(reader.GetString(4)))
        {
            Grants = JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [],
            ExpiresAt = reader.IsDBNull(6) ? null : SqliteTime.Parse(reader.GetString(6)),
            RevokedAt = reader.IsDBNull(7) ? null : SqliteTime.Parse(reader.GetString(7)),
        };
}
