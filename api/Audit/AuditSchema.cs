namespace OpenData.Api;

/// <summary>The schema of audit.db as numbered steps, applied by <see cref="SqliteSchema"/>.</summary>
public static class AuditSchema
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: the entries, append-only (the triggers refuse changes), read newest first by time or by key.
        """
        CREATE TABLE IF NOT EXISTS audit_entries (
            id          INTEGER PRIMARY KEY,
            time        TEXT NOT NULL,       -- SqliteTime text
            key_id      TEXT,                -- NULL: anonymous
            key_name    TEXT,
            role        TEXT,
            action      TEXT NOT NULL,
            datasets    TEXT NOT NULL,       -- JSON array of "department/dataset"
            rows        INTEGER,
            bytes       INTEGER,
            duration_ms INTEGER NOT NULL,
            status      INTEGER NOT NULL,
            error       TEXT,
            detail      TEXT
        );
        CREATE INDEX IF NOT EXISTS audit_entries_by_time ON audit_entries (time);
        CREATE INDEX IF NOT EXISTS audit_entries_by_key ON audit_entries (key_id, time);
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
    ];
}
