namespace OpenData.DuckDB.Tests;

public class SmokeTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    [Fact]
    public void Select_returns_rows()
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = "SELECT i, i * 2.5 AS d, 'x' || i AS s, NULL::INT AS n FROM range(5000) t(i) WHERE i >= $min";
        command.Parameters.AddWithValue("min", 10);
        using var reader = command.ExecuteReader();
        var count = 0L;
        while (reader.Read())
        {
            Assert.Equal(count + 10, reader.GetInt64(0));
            Assert.Equal("x" + (count + 10), reader.GetString(2));
            Assert.True(reader.IsDBNull(3));
            count++;
        }
        Assert.Equal(4990, count);
        Assert.Equal("v1.5.6", DuckDBConnection.LibraryVersion);
    }
}
