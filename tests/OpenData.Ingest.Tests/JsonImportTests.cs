namespace OpenData.Ingest.Tests;

public sealed class JsonImportTests : ImportTestBase
{
    [Fact]
    public async Task ImportAsync_keeps_nested_objects_and_lists_of_a_json_array()
    {
        var result = await ImportTextAsync("stops.json", """
            [
              {"Stop ID": "0042", "name": "Central", "location": {"lat": 31.23, "lon": 121.47}, "lines": [1, 2], "fare": 2.50},
              {"Stop ID": "0043", "name": "Harbour", "location": {"lat": 31.24, "lon": 121.5}, "lines": [3], "fare": 12345678901234567890}
            ]
            """);

        Assert.Equal(ImportFormat.Json, result.Format);
        Assert.Equal("VARCHAR", TypeOf(result, "stop_id"));
        Assert.StartsWith("STRUCT(", TypeOf(result, "location"));
        Assert.Equal("BIGINT[]", TypeOf(result, "lines"));
        Assert.Equal("DECIMAL(38,1)", TypeOf(result, "fare")); // JSON numbers lose trailing zeros: 2.50 is 2.5
        Assert.Equal(121.5, Scalar($"SELECT location.lon FROM {result.TableName} WHERE stop_id = '0043'"));
        Assert.Equal(2L, Scalar($"SELECT len(lines) FROM {result.TableName} WHERE stop_id = '0042'"));
        Assert.Equal("12345678901234567892.5", Scalar($"SELECT CAST(sum(fare) AS VARCHAR) FROM {result.TableName}"));
    }

    [Fact]
    public async Task ImportAsync_reads_ndjson_and_reports_misfits_by_line()
    {
        var lines = Enumerable.Range(1, 12).Select(i => $$"""{"id": {{i}}, "tags": ["a"], "reading": {{(i == 7 ? "\"broken\"" : $"{i}.25")}}}""");
        var path = WriteFile("readings.ndjson", string.Join("\n", lines) + "\n");

        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(path));
        Assert.Equal(new ImportReject(7, "reading", "broken", "'broken' is not a valid DECIMAL(18,2)"), Assert.Single(error.Rejects));

        var result = await ImportAsync(path, r => r with { MaxRejectedRows = 1 });
        Assert.Equal(ImportFormat.Ndjson, result.Format);
        Assert.Equal(11L, result.Rows);
        Assert.Equal("VARCHAR[]", TypeOf(result, "tags"));
    }

    [Fact]
    public async Task ImportAsync_refuses_malformed_json_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<IngestException>(() => ImportTextAsync("bad.json", "[{\"a\": 1}, {\"a\": "));
        Assert.Contains("bad.json", error.Message);
    }
}
