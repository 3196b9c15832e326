namespace OpenData.DuckDB;

public sealed partial class DuckDBConnection
{
    /// <summary>Creates an appender that bulk-inserts rows into <paramref name="table"/>.</summary>
    public DuckDBAppender CreateAppender(string table) => new(this, null, table);

    /// <summary>Creates an appender that bulk-inserts rows into <paramref name="schema"/>.<paramref name="table"/>.</summary>
    public DuckDBAppender CreateAppender(string schema, string table) => new(this, schema, table);
}
