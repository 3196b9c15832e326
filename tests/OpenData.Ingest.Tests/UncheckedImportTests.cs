using System.Text;
using OpenData.DuckDB;

namespace OpenData.Ingest.Tests;

/// <summary>
/// Unchecked CSV imports: types from the first rows, values checked while the SELECT runs. Every file here is
/// longer than the sample, so what breaks the sample's types comes after it.
/// </summary>
public class UncheckedImportTests : ImportTestBase
{
    private const int Rows = IngestLimits.UncheckedSampleRows + 20_000;

    [Fact]
    public async Task An_unchecked_import_of_a_clean_file_yields_the_rows_and_types_of_a_checked_one()
    {
        var path = WriteFile("clean.csv", Csv(_ => null));

        var unchecked_ = await ImportAsync(path, r => r with { Unchecked = true });
        var checked_ = await ImportAsync(path);

        Assert.True(unchecked_.Unchecked);
        Assert.Null(unchecked_.TableName);
        Assert.Null(unchecked_.Rows);
        Assert.False(checked_.Unchecked);
        Assert.Equal(checked_.Columns, unchecked_.Columns);
        Assert.Equal(["BIGINT", "VARCHAR", "DECIMAL(18,2)", "DATE", "BOOLEAN"], unchecked_.Columns.Select(c => c.Type));
        Materialise(unchecked_.SourceSql);
        Assert.Equal((long)Rows, Scalar("SELECT count(*) FROM unchecked_rows"));
        Assert.Equal(0L, Scalar($"SELECT count(*) FROM (({unchecked_.SourceSql}) EXCEPT ALL ({checked_.SourceSql}))"));
    }

    [Theory]
    [InlineData("id", "0042", "VARCHAR")]        // a leading zero: an identifier, so the column is text
    [InlineData("id", "42.5", "DECIMAL(18,1)")]  // a decimal among integers
    [InlineData("fine", "12.345", "DECIMAL(18,3)")] // more decimals than the sample: not rounded to 12.35
    [InlineData("issued", "2024-03-01 10:30:00", "TIMESTAMP")] // a time among dates: not cut off
    public async Task A_value_past_the_sample_that_needs_another_type_stops_the_select_and_the_checked_import_types_it(
        string column, string value, string type)
    {
        var path = WriteFile("late.csv", Csv(row => row == Rows - 5 ? (column, value) : null));

        var imported = await ImportAsync(path, r => r with { Unchecked = true });
        var error = Assert.Throws<DuckDBException>(() => Materialise(imported.SourceSql));
        Assert.Contains($"column {column}", error.Message);
        Assert.Contains(value, error.Message);

        var checked_ = await ImportAsync(path);
        Assert.Equal(type, TypeOf(checked_, column));
        Assert.Equal((long)Rows, checked_.Rows);
    }

    [Fact]
    public async Task A_misfit_past_the_sample_stops_the_select_and_the_checked_import_reports_its_line()
    {
        var path = WriteFile("bad.csv", Csv(row => row == Rows - 1 ? ("fine", "twelve") : null));

        var imported = await ImportAsync(path, r => r with { Unchecked = true });
        Assert.Throws<DuckDBException>(() => Materialise(imported.SourceSql));

        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path));
        var reject = Assert.Single(error.Rejects);
        Assert.Equal((long)Rows, reject.Line); // the header is line 1
        Assert.Equal("fine", reject.Column);
    }

    [Fact]
    public async Task A_file_that_needs_transcoding_or_has_a_bad_line_in_the_sample_is_checked_ahead()
    {
        var latin1 = WriteFile("latin1.csv", "name,amount\nZürich,1.5\nGenève,2.5\n", Encoding.Latin1);
        Assert.False((await ImportAsync(latin1, r => r with { Unchecked = true, Encoding = "latin1" })).Unchecked);

        var shifted = WriteFile("shifted.csv", "a,b\n1,2\n3,4,5\n6,7\n");
        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(shifted, r => r with { Unchecked = true }));
        Assert.Equal(3L, Assert.Single(error.Rejects).Line);
    }

    /// <summary>Runs every column of <paramref name="sql"/>, as a commit does (a count alone would skip the checks).</summary>
    private void Materialise(string sql) => Scalar($"CREATE OR REPLACE TEMP TABLE unchecked_rows AS {sql}");

    /// <summary>id, district, fine, issued, paid; <paramref name="change"/> replaces one value of a row (numbered from 1).</summary>
    private static string Csv(Func<int, (string Column, string Value)?> change)
    {
        var text = new StringBuilder("id,district,fine,issued,paid\n");
        for (var row = 1; row <= Rows; row++)
        {
            var values = new Dictionary<string, string>
            {
                ["id"] = row.ToString(), ["district"] = $"district-{row % 16}", ["fine"] = $"{row % 2000}.{row % 100:00}",
                ["issued"] = $"2024-{1 + row % 12:00}-{1 + row % 28:00}", ["paid"] = row % 3 == 0 ? "true" : "false",
            };
            if (change(row) is var (column, value))
            {
                values[column] = value;
            }
            text.AppendJoin(',', values["id"], values["district"], values["fine"], values["issued"], values["paid"]).Append('\n');
        }
        return text.ToString();
    }
}
