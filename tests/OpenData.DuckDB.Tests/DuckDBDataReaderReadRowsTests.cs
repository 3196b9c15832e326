namespace OpenData.DuckDB.Tests;

public class DuckDBDataReaderReadRowsTests
{
    [Fact]
    public void ReadRows_reads_the_rest_of_the_rows_across_chunks_with_null_for_SQL_NULL()
    {
        using var connection = new DuckDBConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT i, CASE WHEN i % 2 = 0 THEN 'even' END AS label FROM range(5000) t(i) ORDER BY i";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());

        var rows = reader.ReadRows();

        Assert.Equal(4999, rows.Count);
        Assert.Equal([1L, null], rows[0]);
        Assert.Equal([4998L, "even"], rows[^2]);
        Assert.False(reader.Read());
    }
}
