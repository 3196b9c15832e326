using OpenData.Catalog;

namespace OpenData.Ingest.Tests;

public sealed class CsvImportTests : ImportTestBase
{
    [Fact]
    public async Task ImportAsync_keeps_leading_zeros_big_integers_and_decimals_exact()
    {
        var result = await ImportTextAsync("codes.csv",
            "Postal Code,FIPS,Big Number,Amount,Count\n" +
            "01001,01,123456789012345678901234567890,10.5,7\n" +
            "99501,53,18446744073709551617,0.125,-3\n");

        Assert.Equal("VARCHAR", TypeOf(result, "postal_code"));
        Assert.Equal("VARCHAR", TypeOf(result, "fips"));
        Assert.Equal("HUGEINT", TypeOf(result, "big_number"));
        Assert.Equal("DECIMAL(18,3)", TypeOf(result, "amount"));
        Assert.Equal("BIGINT", TypeOf(result, "count"));
        Assert.Equal("01001", Scalar($"SELECT postal_code FROM {result.TableName} ORDER BY postal_code LIMIT 1"));
        Assert.Equal("123456789012345678901234567890", Scalar($"SELECT CAST(max(big_number) AS VARCHAR) FROM {result.TableName}"));
        Assert.Equal(10.625m, Scalar($"SELECT sum(amount) FROM {result.TableName}"));
        Assert.Equal(2L, result.Rows);
    }

    [Fact]
    public async Task ImportAsync_normalises_column_names_and_keeps_headers_as_titles()
    {
        var result = await ImportTextAsync("names.csv", "Cost Total $,cost total,TotalReceipts,Größe,\n1,2,3,4,5\n");

        Assert.Equal(["cost_total", "cost_total_2", "total_receipts", "grosse", "column_5"], result.Columns.Select(c => c.Name));
        Assert.Equal(["Cost Total $", "cost total", "TotalReceipts", "Größe", ""], result.Columns.Select(c => c.Title));
    }

    [Fact]
    public async Task ImportAsync_fails_with_rejects_at_their_lines_when_a_few_values_do_not_fit()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"{i},2024-01-{i:00},{i}.5").ToList();
        lines[4] = "5,2024-01-05,n/a";      // a missing-value marker: NULL, not a reject
        lines[6] = "7,not a date,7.5";      // line 8
        lines[11] = "12,2024-01-12,twelve"; // line 13
        var path = WriteFile("fines.csv", "id,issued,fine\n" + string.Join("\n", lines) + "\n");

        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path));

        Assert.Equal(2, error.RejectedRows);
        Assert.Equal(
            [new ImportReject(8, "issued", "not a date", "'not a date' is not a valid DATE"),
             new ImportReject(13, "fine", "twelve", "'twelve' is not a valid DECIMAL(18,1)")],
            error.Rejects);
        Assert.Contains("line 8", error.Message);
    }

    [Fact]
    public async Task ImportAsync_rejects_rows_with_the_wrong_number_of_fields_without_shifting_columns()
    {
        var good = string.Concat(Enumerable.Range(5, 8).Select(i => $"{i},n{i},{i}0\n")); // lines 6 to 13
        var path = WriteFile("shifted.csv", "id,name,amount\n1,a,10\n2,b\n3,c,30,extra\n4,\"d, quoted\",40\n" + good + "13,e,x50\n");

        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path));

        Assert.Equal(3, error.RejectedRows);
        Assert.Equal([3L, 4L, 14L], error.Rejects.Select(r => r.Line));
        Assert.Equal("2,b", error.Rejects[0].Value);
        Assert.Contains("missing columns", error.Rejects[0].Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("3,c,30,extra", error.Rejects[1].Value);
        Assert.Equal(("amount", "x50"), (error.Rejects[2].Column, error.Rejects[2].Value));
    }

    [Fact]
    public async Task ImportAsync_leaves_rejected_rows_out_when_they_are_allowed()
    {
        var body = string.Join("\n", Enumerable.Range(1, 20).Select(i => i == 10 ? "10,ten" : $"{i},{i * 100}"));
        var result = await ImportTextAsync("allowed.csv", "id,amount\n" + body + "\n2,b,c\n", r => r with { MaxRejectedRows = 2 });

        Assert.Equal(19, result.Rows);
        Assert.Equal(2, result.RejectedRows);
        Assert.Equal([11L, 22L], result.Rejects.Select(r => r.Line));
        Assert.Equal("BIGINT", TypeOf(result, "amount"));
        Assert.Equal(0L, Scalar($"SELECT count(*) FROM {result.TableName} WHERE id = 10"));
    }

    [Fact]
    public async Task ImportAsync_reads_a_decimal_comma_and_thousands_points_in_a_semicolon_file()
    {
        var result = await ImportTextAsync("kosten.csv", "Ort;Betrag;Menge\nBerlin;6069,36;1.234\nHamburg;1.234.567,5;12\n");

        Assert.Equal("DECIMAL(18,2)", TypeOf(result, "betrag"));
        Assert.Equal(6069.36m, Scalar($"SELECT betrag FROM {result.TableName} WHERE ort = 'Berlin'"));
        Assert.Equal(1234567.5m, Scalar($"SELECT betrag FROM {result.TableName} WHERE ort = 'Hamburg'"));
        Assert.Equal(1234L, Scalar($"SELECT menge FROM {result.TableName} WHERE ort = 'Berlin'"));
    }

    [Fact]
    public async Task ImportAsync_reads_thousands_commas_and_a_declared_locale()
    {
        var us = await ImportTextAsync("us.csv", "city,population\nA,\"1,234,567\"\nB,980\n");
        Assert.Equal(1234567L, Scalar($"SELECT population FROM {us.TableName} WHERE city = 'A'"));

        var de = await ImportTextAsync("de.csv", "ort,betrag\nA,\"2,5\"\nB,\"3\"\n", r => r with { Locale = "de-DE" });
        Assert.Equal(2.5m, Scalar($"SELECT betrag FROM {de.TableName} WHERE ort = 'A'"));
    }

    [Fact]
    public async Task ImportAsync_detects_day_first_dates_and_reads_declared_month_first_ones()
    {
        var dayFirst = await ImportTextAsync("dmy.csv", "id,issued\n1,03/04/2024\n2,25/12/2023\n");
        Assert.Equal("DATE", TypeOf(dayFirst, "issued"));
        Assert.Equal(new DateOnly(2024, 4, 3), Scalar($"SELECT issued FROM {dayFirst.TableName} WHERE id = 1"));

        var ambiguous = await ImportTextAsync("ambiguous.csv", "id,issued\n1,03/04/2024\n2,05/06/2023\n");
        Assert.Equal("VARCHAR", TypeOf(ambiguous, "issued"));

        var monthFirst = await ImportTextAsync("mdy.csv", "id,issued\n1,03/04/2024\n2,05/06/2023\n", r => r with { DateOrder = DateOrder.MonthDayYear });
        Assert.Equal(new DateOnly(2024, 3, 4), Scalar($"SELECT issued FROM {monthFirst.TableName} WHERE id = 1"));

        var german = await ImportTextAsync("de-dates.csv", "id;datum\n1;03.04.2024\n", r => r with { Locale = "de-DE" });
        Assert.Equal(new DateOnly(2024, 4, 3), Scalar($"SELECT datum FROM {german.TableName}"));
    }

    [Fact]
    public async Task ImportAsync_casts_to_the_contract_and_rejects_what_does_not_fit()
    {
        ContractColumn[] contract = [new("ticket_id", "VARCHAR", Nullable: false), new("fine_yuan", "DECIMAL(6,2)"), new("issued_on", "DATE")];
        var good = await ImportTextAsync("good.csv", "Ticket ID,Fine Yuan,Issued On,Extra\n007,200,2024-01-02,x\n", r => r with { Contract = contract });
        Assert.Equal(["VARCHAR", "DECIMAL(6,2)", "DATE", "VARCHAR"], good.Columns.Select(c => c.Type));
        Assert.Equal("007", Scalar($"SELECT ticket_id FROM {good.TableName}"));

        var path = WriteFile("bad.csv", "ticket_id,fine_yuan,issued_on\n1,12345.5,2024-01-02\n,20,2024-01-03\n3,30,yesterday\n");
        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path, r => r with { Contract = contract }));
        Assert.Equal(
            [(2L, "fine_yuan"), (3L, "ticket_id"), (4L, "issued_on")],
            error.Rejects.Select(r => (r.Line, r.Column!)));
        Assert.Equal("a value is required by the dataset's contract", error.Rejects[1].Reason);

        var missing = WriteFile("missing.csv", "ticket_id,fine_yuan\n1,2\n");
        var refused = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(missing, r => r with { Contract = contract }));
        Assert.Contains("issued_on", refused.Message);
    }

    [Fact]
    public async Task ImportAsync_reads_tsv_without_header_and_reports_sha256()
    {
        var path = WriteFile("plain.tsv", "1\t2.5\ttrue\n2\t3.5\tfalse\n");
        var result = await ImportAsync(path);

        Assert.Equal(ImportFormat.Tsv, result.Format);
        Assert.Equal(["column_1", "column_2", "column_3"], result.Columns.Select(c => c.Name));
        Assert.Equal(["BIGINT", "DECIMAL(18,1)", "BOOLEAN"], result.Columns.Select(c => c.Type));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), result.Sha256);
    }

    [Fact]
    public async Task ImportAsync_keeps_text_that_is_mostly_not_numbers()
    {
        var result = await ImportTextAsync("mixed.csv", "code\nA1\n12\nB7\n");
        Assert.Equal("VARCHAR", TypeOf(result, "code"));
        Assert.Empty(result.Rejects);
    }
}
