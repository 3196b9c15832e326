namespace OpenData.Ingest.Tests;

public sealed class XlsxImportTests : ImportTestBase
{
    [Fact]
    public async Task ImportAsync_reads_the_first_sheet_of_a_workbook()
    {
        var path = Path.Combine(Folder, "bills.xlsx");
        XlsxWriter.Write(path,
            ("Bills", [["Account No", "Amount Due", "Billed On"], ["000123", 6069.36, "2024-01-31"], ["000124", 12.5, "2024-02-29"], ["000125", null, "2024-03-31"]]),
            ("Notes", [["note"], ["ignored"]]));

        var result = await ImportAsync(path);

        Assert.Equal(ImportFormat.Xlsx, result.Format);
        Assert.Equal(["account_no", "amount_due", "billed_on"], result.Columns.Select(c => c.Name));
        Assert.Equal(["VARCHAR", "DECIMAL(18,2)", "DATE"], result.Columns.Select(c => c.Type));
        Assert.Equal(3L, result.Rows);
        Assert.Equal(6081.86m, Scalar($"SELECT sum(amount_due) FROM {result.TableName}"));
        Assert.Equal("000123", Scalar($"SELECT min(account_no) FROM {result.TableName}"));
    }

    [Fact]
    public async Task ImportAsync_reads_a_named_sheet_and_reports_rejects_by_sheet_row()
    {
        var rows = new List<object?[]> { new object?[] { "id", "reading" } };
        rows.AddRange(Enumerable.Range(1, 12).Select(i => new object?[] { i, i == 4 ? "broken" : i * 10 }));
        var path = Path.Combine(Folder, "meters.xlsx");
        XlsxWriter.Write(path, ("Summary", [["x"], ["y"]]), ("Meters", rows.ToArray()));

        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path, r => r with { SheetName = "Meters" }));

        Assert.Equal(new ImportReject(5, "reading", "broken", "'broken' is not a valid BIGINT"), Assert.Single(error.Rejects));
        var missing = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path, r => r with { SheetName = "Nope" }));
        Assert.Contains("Summary, Meters", missing.Message);
    }
}
