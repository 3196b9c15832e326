using System.Data.Common;

namespace OpenData.DuckDB;

/// <summary>
/// Builds DuckDB connection strings: <c>Data Source</c> (a file path, <c>:memory:</c> for a private in-memory
/// database, or <c>:memory:name</c> for one shared in the process) and any DuckDB setting by its name, e.g.
/// <c>Data Source=lake.db;threads=2;memory_limit=1GB;access_mode=READ_ONLY</c>.
/// </summary>
public sealed class DuckDBConnectionStringBuilder : DbConnectionStringBuilder
{
    /// <summary>The keyword of the database path; "DataSource" and "Filename" are accepted too.</summary>
    public const string DataSourceKeyword = "Data Source";

    private static readonly string[] DataSourceAliases = [DataSourceKeyword, "DataSource", "Filename"];

    /// <summary>An empty builder: a private in-memory database with DuckDB's defaults.</summary>
    public DuckDBConnectionStringBuilder()
    {
    }

    /// <summary>A builder over an existing connection string.</summary>
    public DuckDBConnectionStringBuilder(string connectionString)
    {
        ConnectionString = connectionString;
    }

    /// <summary>The database: a file path, ":memory:" or ":memory:name". Defaults to ":memory:".</summary>
    public string DataSource
    {
        get => DataSourceAliases.Select(alias => TryGetValue(alias, out var value) ? value as string : null)
            .FirstOrDefault(value => !string.IsNullOrEmpty(value)) ?? DuckDBConnection.InMemory;
        set
        {
            foreach (var alias in DataSourceAliases)
            {
                Remove(alias);
            }

            this[DataSourceKeyword] = value;
        }
    }

    /// <summary>Every keyword other than the data source, passed to DuckDB as a setting.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings =>
        Keys.Cast<string>()
            .Where(key => !DataSourceAliases.Contains(key, StringComparer.OrdinalIgnoreCase))
            .Select(key => KeyValuePair.Create(key, Convert.ToString(this[key], System.Globalization.CultureInfo.InvariantCulture) ?? ""));
}
