namespace OpenData.Lake.Query;

/// <summary>
/// Which functions user SQL may call. Table functions are allowed by name (fail closed: a function a newer DuckDB
/// adds stays refused until reviewed); scalar functions are all allowed but a few. Reviewed for DuckDB 1.5.6, whose
/// refused table functions include enable_logging (it writes log files into any allowed folder, and one that cannot
/// be written kills the process), enable_profiling, checkpoint, arrow_scan (reads memory at a given address) and
/// query/query_table/json_execute_serialized_sql (they run SQL text that the check never saw).
/// </summary>
internal static class QueryFunctions
{
    public static readonly IReadOnlySet<string> AllowedTableFunctions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // Reading files: the sandbox's allowed_directories decide which.
        "read_parquet", "parquet_scan", "parquet_metadata", "parquet_schema", "parquet_file_metadata",
        "parquet_kv_metadata", "parquet_full_metadata", "parquet_bloom_probe",
        "read_csv", "read_csv_auto", "sniff_csv", "read_json", "read_json_auto", "read_json_objects",
        "read_json_objects_auto", "read_ndjson", "read_ndjson_auto", "read_ndjson_objects", "read_text", "read_blob", "glob",
        // Generating and reshaping rows.
        "range", "generate_series", "unnest", "repeat", "repeat_row", "json_each", "json_tree", "summary",
        // Describing the catalog, the types and the functions.
        "duckdb_columns", "duckdb_constraints", "duckdb_databases", "duckdb_dependencies", "duckdb_functions",
        "duckdb_indexes", "duckdb_keywords", "duckdb_schemas", "duckdb_sequences", "duckdb_settings", "duckdb_tables",
        "duckdb_types", "duckdb_views", "pragma_table_info", "pragma_show", "pragma_version", "pragma_platform",
        "pragma_collations", "icu_calendar_names", "pg_timezone_names", "test_all_types", "sql_auto_complete",
    };

    /// <summary>
    /// Sleeping cannot be interrupted, so it would outlast the time limit; write_log writes into the log; setseed
    /// seeds the connection's random(), which a pooled connection would carry to the next caller.
    /// </summary>
    public static readonly IReadOnlySet<string> RefusedScalarFunctions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "sleep_ms", "pg_sleep", "write_log", "setseed",
    };
}
