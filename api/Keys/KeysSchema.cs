namespace OpenData.Api;

/// <summary>The schema of keys.db as numbered steps, applied by <see cref="SqliteSchema"/>.</summary>
public static class KeysSchema
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: the table as the first release created it (without schema_version), so its files migrate from here.
        """
        CREATE TABLE IF NOT EXISTS api_keys (
            id         TEXT PRIMARY KEY,
            name       TEXT NOT NULL,
            role       TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'analyst')),
            department TEXT,
            hash       TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        """,
        // 2: grants to datasets, expiry and revocation. Times are SqliteTime text, so SQL compares them.
        """
        ALTER TABLE api_keys ADD COLUMN grants TEXT NOT NULL DEFAULT '[]';   -- JSON array of "department/dataset"
        ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
        ALTER TABLE api_keys ADD COLUMN revoked_at TEXT;
        """,
    ];
}
