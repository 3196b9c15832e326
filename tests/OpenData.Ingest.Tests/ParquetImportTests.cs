using OpenData.Catalog;

namespace OpenData.Ingest.Tests;

public sealed class ParquetImportTests : ImportTestBase
{
    [Fact]
    public async Task ImportAsync_keeps_parquet_types_and_casts_to_a_contract()
    {
        var path = Path.Combine(Folder, "upload.bin");
        Scalar($"COPY (SELECT i AS \"Ticket Id\", i * 2.5 AS fine, CAST(i AS VARCHAR) AS code, {{'a': i}} AS nested FROM range(1, 6) t(i)) TO '{path}' (FORMAT parquet)");

        var result = await ImportAsync(path, r => r with { FileName = null });
        Assert.Equal(ImportFormat.Parquet, result.Format);
        Assert.Equal(["ticket_id", "fine", "code", "nested"], result.Columns.Select(c => c.Name));
        Assert.Equal("Ticket Id", result.Columns[0].Title);
        Assert.Equal(5L, result.Rows);

        var cast = await ImportAsync(path, r => r with { Contract = [new ContractColumn("code", "INTEGER")] });
        Assert.Equal("INTEGER", TypeOf(cast, "code"));

        var misfit = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path, r => r with { Contract = [new ContractColumn("fine", "DECIMAL(2,1)")] }));
        Assert.Equal([4L, 5L], misfit.Rejects.Select(r => r.Line)); // 10.0 and 12.5 do not fit DECIMAL(2,1)
    }
}
