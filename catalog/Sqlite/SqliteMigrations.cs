using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

/// <summary>
/// The catalog schema as numbered steps. A step runs once, in the transaction that records it in
/// <c>schema_version</c>; each is also written to be harmless if run again. Never edit a released step: add one.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly string[] Steps =
    [
        // 1: departments, datasets, versions, files, schema, statistics, search.
        """
        CREATE TABLE IF NOT EXISTS departments (
            id      INTEGER PRIMARY KEY,
            slug    TEXT NOT NULL UNIQUE,
            name    TEXT NOT NULL,
            contact TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS datasets (
            id                INTEGER PRIMARY KEY,
            department_id     INTEGER NOT NULL REFERENCES departments (id),
            slug              TEXT NOT NULL,
            title             TEXT NOT NULL,
            description       TEXT NOT NULL,
            keywords          TEXT NOT NULL,   -- JSON array
            theme             TEXT,
            licence           TEXT NOT NULL,
            access            TEXT NOT NULL CHECK (access IN ('public', 'internal', 'restricted')),
            update_frequency  TEXT,
            personal_columns  TEXT NOT NULL,   -- JSON array
            primary_key       TEXT NOT NULL,   -- JSON array
            partition_columns TEXT NOT NULL,   -- JSON array
            sort_columns      TEXT NOT NULL,   -- JSON array
            contract          TEXT,            -- JSON array of columns; NULL when there is no contract
            current_version   INTEGER,         -- NULL before the first commit
            created_at        TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            UNIQUE (department_id, slug),
            -- The pointer can only name a version that exists, so the current version can never be deleted.
            FOREIGN KEY (id, current_version) REFERENCES versions (dataset_id, number)
        );

        CREATE TABLE IF NOT EXISTS versions (
            id               INTEGER PRIMARY KEY,
            dataset_id       INTEGER NOT NULL REFERENCES datasets (id),
            number           INTEGER NOT NULL,
            created_at       TEXT NOT NULL,
            created_by       TEXT NOT NULL,
            mode             TEXT NOT NULL CHECK (mode IN ('replace', 'append', 'upsert')),
            row_count        INTEGER NOT NULL,
            bytes            INTEGER NOT NULL,
            source_file_name TEXT,
            source_format    TEXT,
            source_sha256    TEXT,
            superseded_at    TEXT,             -- when the next version became current
            UNIQUE (dataset_id, number)
        );
        CREATE INDEX IF NOT EXISTS versions_by_source ON versions (dataset_id, source_sha256);
        CREATE INDEX IF NOT EXISTS versions_by_superseded ON versions (superseded_at);

        -- A file belongs to the versions first_version..last_version of its dataset (last_version NULL: up to
        -- the current one), as in DuckLake: an append adds rows for its new files only, not a copy of the list.
        CREATE TABLE IF NOT EXISTS data_files (
            id            INTEGER PRIMARY KEY,
            dataset_id    INTEGER NOT NULL REFERENCES datasets (id),
            path          TEXT NOT NULL,
            size          INTEGER NOT NULL,
            sha256        TEXT NOT NULL,
            first_version INTEGER NOT NULL,
            last_version  INTEGER,
            ordinal       INTEGER NOT NULL     -- position in the commit that added it
        );
        CREATE INDEX IF NOT EXISTS data_files_by_dataset ON data_files (dataset_id, first_version);
        CREATE INDEX IF NOT EXISTS data_files_by_path ON data_files (path);

        CREATE TABLE IF NOT EXISTS version_columns (
            version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
            ordinal    INTEGER NOT NULL,
            name       TEXT NOT NULL,
            type       TEXT NOT NULL,
            title      TEXT,
            PRIMARY KEY (version_id, ordinal)
        );

        CREATE TABLE IF NOT EXISTS version_statistics (
            version_id     INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
            ordinal        INTEGER NOT NULL,
            column_name    TEXT NOT NULL,
            null_count     INTEGER NOT NULL,
            min_value      TEXT,
            max_value      TEXT,
            distinct_count INTEGER,
            PRIMARY KEY (version_id, ordinal)
        );

        -- rowid = datasets.id; filled by the store (not triggers) because CJK text is split first (FtsText).
        CREATE VIRTUAL TABLE IF NOT EXISTS dataset_search
            USING fts5 (title, description, keywords, tokenize = 'unicode61 remove_diacritics 2');
        """,

        // 2: Kafka streams and the offsets each dataset holds, written with the version that holds them.
        """
        CREATE TABLE IF NOT EXISTS streams (
            dataset_id         INTEGER PRIMARY KEY REFERENCES datasets (id),
            topic              TEXT NOT NULL UNIQUE,
            format             TEXT NOT NULL,
            flush_interval_ms  INTEGER NOT NULL,
            flush_size         INTEGER NOT NULL,
            rejects_dataset_id INTEGER NOT NULL REFERENCES datasets (id),
            created_by         TEXT NOT NULL,
            created_at         TEXT NOT NULL,
            updated_at         TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS stream_offsets (
            dataset_id   INTEGER NOT NULL REFERENCES datasets (id),
            topic        TEXT NOT NULL,
            partition    INTEGER NOT NULL,
            next_offset  INTEGER NOT NULL,
            version      INTEGER NOT NULL,   -- the version that took the records up to next_offset
            committed_at TEXT NOT NULL,
            PRIMARY KEY (dataset_id, topic, partition)
        );
        """,

        // 3: pipelines, their runs, and the input snapshots of every derived version (lineage).
        """
        CREATE TABLE IF NOT EXISTS pipelines (
            id            INTEGER PRIMARY KEY,
            name          TEXT NOT NULL UNIQUE,
            department_id INTEGER NOT NULL REFERENCES departments (id),
            sql           TEXT NOT NULL,
            inputs        TEXT NOT NULL,   -- JSON array of "department/dataset"
            target        TEXT NOT NULL,   -- JSON object: dataset slug and the metadata it is created with
            mode          TEXT NOT NULL CHECK (mode IN ('replace', 'append', 'incremental')),
            watermark     TEXT,
            schedule      TEXT,            -- Quartz cron expression
            on_input_change INTEGER NOT NULL,
            checks        TEXT NOT NULL,   -- JSON array
            suppression   TEXT,            -- JSON object; NULL for none
            created_by    TEXT NOT NULL,
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS pipeline_runs (
            id             INTEGER PRIMARY KEY,
            pipeline_id    INTEGER NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
            trigger        TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'inputchange')),
            attempt        INTEGER NOT NULL,
            status         TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
            started_at     TEXT NOT NULL,
            ended_at       TEXT,
            rows           INTEGER,
            inputs         TEXT NOT NULL,  -- JSON array of {department, dataset, version}
            output_version INTEGER,
            error          TEXT,
            failed_check   TEXT            -- JSON object; NULL when no check failed
        );
        CREATE INDEX IF NOT EXISTS pipeline_runs_by_pipeline ON pipeline_runs (pipeline_id, id);
        CREATE INDEX IF NOT EXISTS pipeline_runs_by_status ON pipeline_runs (status);

        -- Written in the transaction of the derived version: a version without rows here was not derived.
        -- The pipeline is kept by name, so lineage outlives a deleted pipeline.
        CREATE TABLE IF NOT EXISTS version_inputs (
            version_id       INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
            input_dataset_id INTEGER NOT NULL REFERENCES datasets (id),
            input_version    INTEGER NOT NULL,
            pipeline         TEXT NOT NULL,
            PRIMARY KEY (version_id, input_dataset_id)
        );
        CREATE INDEX IF NOT EXISTS version_inputs_by_input ON version_inputs (input_dataset_id);
        """,

        // 4: quality checks declared on a dataset, and what they found on each version. Tables of their own rather
        // than new columns, since ALTER TABLE … ADD COLUMN cannot be written to be harmless when run again.
        """
        CREATE TABLE IF NOT EXISTS dataset_checks (
            dataset_id INTEGER PRIMARY KEY REFERENCES datasets (id),
            checks     TEXT NOT NULL   -- JSON array; no row: none declared
        );
        CREATE TABLE IF NOT EXISTS version_checks (
            version_id INTEGER PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE,
            findings   TEXT NOT NULL   -- JSON array; no row: the version was not checked
        );
        """,
    ];

    /// <summary>The schema version this program writes.</summary>
    public static int Latest => Steps.Length;

    public static async Task ApplyAsync(SqliteConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // WAL lets readers work while a commit writes; the setting sticks to the file, and cannot change
        // inside a transaction.
        await connection.ExecuteAsync(null, "PRAGMA journal_mode = WAL;", cancellationToken);

        // IMMEDIATE: two programs starting on one catalog apply each step once, one after the other.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await connection.ExecuteAsync(
            transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);",
            cancellationToken);
        var current = (int)await connection.ScalarInt64Async(
            transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"{connection.DataSource} has catalog schema version {current}, newer than this program's {Latest}: " +
                "run a newer version of the program.");
        }

        for (var version = current + 1; version <= Latest; version++)
        {
            await connection.ExecuteAsync(transaction, Steps[version - 1], cancellationToken);
            await connection.ExecuteAsync(
                transaction,
                "INSERT INTO schema_version (version, applied_at) VALUES ($version, $now);",
                cancellationToken,
                ("$version", version), ("$now", SqliteValues.Time(now)));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
