using System.Data.Common;

namespace OpenData.DuckDB;

/// <summary>The ADO.NET provider factory for DuckDB.</summary>
public sealed class DuckDBFactory : DbProviderFactory
{
    /// <summary>The one instance, as DbProviderFactories expects.</summary>
    public static readonly DuckDBFactory Instance = new();

    private DuckDBFactory()
    {
    }

    /// <inheritdoc />
    public override DbCommand CreateCommand() => new DuckDBCommand();

    /// <inheritdoc />
    public override DbConnection CreateConnection() => new DuckDBConnection();

    /// <inheritdoc />
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new DuckDBConnectionStringBuilder();

    /// <inheritdoc />
    public override DbParameter CreateParameter() => new DuckDBParameter();
}
