namespace OpenData.DuckDB.Tests;

/// <summary>One open in-memory connection shared by the tests of a class.</summary>
public sealed class DuckDBDatabaseFixture : IDisposable
{
    public DuckDBDatabaseFixture()
    {
        Connection = new DuckDBConnection();
        Connection.Open();
    }

    public DuckDBConnection Connection { get; }

    public void Dispose() => Connection.Dispose();
}
