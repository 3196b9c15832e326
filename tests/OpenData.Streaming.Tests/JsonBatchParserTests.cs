using System.Text;
using OpenData.DuckDB;

namespace OpenData.Streaming.Tests;

public sealed class JsonBatchParserTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "stream-parser-" + Guid.NewGuid().ToString("N"));
    private readonly DuckDBConnection _connection = new();

    public JsonBatchParserTests() => _connection.Open();

    public void Dispose()
    {
        _connection.Dispose();
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private static StreamBatch Batch(params string?[] payloads)
    {
        var batch = new StreamBatch("tickets");
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < payloads.Length; i++)
        {
            batch.Add(i % 2, i, now, payloads[i] is null ? null : Encoding.UTF8.GetBytes(payloads[i]!), now);
        }
        return batch;
    }

    private Task<ParsedBatch> ParseAsync(StreamBatch batch, IReadOnlyList<StreamColumn> schema, bool fixedSchema = false) =>
        new JsonBatchParser(_scratch).ParseAsync(_connection, batch, schema, fixedSchema, new Dictionary<int, long>(), CancellationToken.None);

    private List<string> Rows(string sql) =>
        StreamSqlRows(sql).Select(r => string.Join("|", r)).ToList();

    private List<object?[]> StreamSqlRows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return reader.ReadRows();
    }

    [Fact]
    public async Task ParseAsync_infers_a_schema_from_the_first_batch()
    {
        var parsed = await ParseAsync(Batch(
            """{"id": 1, "issued_at": "2024-03-01 10:00:00", "fine": 80.5, "paid": true, "district": "Xuhui"}""",
            """{"id": 2, "issued_at": "2024-03-02 11:30:00", "fine": 40, "paid": false, "district": null}"""), []);

        Assert.Equal((2L, 0L), (parsed.Rows, parsed.Rejects));
        Assert.Equal(
            [("id", "BIGINT"), ("issued_at", "TIMESTAMP"), ("fine", "DOUBLE"), ("paid", "BOOLEAN"), ("district", "VARCHAR")],
            parsed.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(["1|03/01/2024 10:00:00|80.5|True|Xuhui", "2|03/02/2024 11:30:00|40|False|"],
            StreamSqlRows(parsed.RowsSql).Select(r => string.Join("|", r.Select(v => v is DateTime d ? d.ToString("MM/dd/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public async Task ParseAsync_rejects_bad_records_with_their_reason_and_keeps_the_rest()
    {
        StreamColumn[] schema = [new("id", "BIGINT", Required: true), new("fine", "DECIMAL(10,2)")];
        var batch = Batch(
            """{"id": 1, "fine": 12.50}""",
            "not json at all",
            "[1, 2]",
            """{"fine": 3}""",
            """{"id": "seven", "fine": 1}""",
            """{"id": 3.5, "fine": 1}""",
            """{"id": 4, "fine": 1.234}""",
            null,
            """{"id": 5}""");

        var parsed = await ParseAsync(batch, schema, fixedSchema: true);

        Assert.Equal((2L, 7L), (parsed.Rows, parsed.Rejects));
        Assert.Equal(["1|12.50", "5|"], Rows(parsed.RowsSql));
        Assert.Equal(
        [
            "tickets|1|1|not JSON|not json at all",
            "tickets|0|2|not a JSON object|[1, 2]",
            "tickets|1|3|missing required field 'id'|{\"fine\": 3}",
            "tickets|0|4|field 'id': 'seven' is not a valid BIGINT|{\"id\": \"seven\", \"fine\": 1}",
            "tickets|1|5|field 'id': '3.5' is not a valid BIGINT|{\"id\": 3.5, \"fine\": 1}",
            "tickets|0|6|field 'fine': '1.234' is not a valid DECIMAL(10,2)|{\"id\": 4, \"fine\": 1.234}",
            "tickets|1|7|empty message|",
        ], StreamSqlRows(parsed.RejectsSql).OrderBy(r => (long)r[2]!).Select(r => string.Join("|", r[0], r[1], r[2], r[4], r[5])));
    }

    [Fact]
    public async Task ParseAsync_adds_columns_for_new_fields_unless_the_schema_is_fixed()
    {
        StreamColumn[] schema = [new("id", "BIGINT")];
        var batch = Batch("""{"id": 1, "plate": "AB-1"}""", """{"id": 2, "speed": 71}""");

        var evolving = await ParseAsync(batch, schema);
        Assert.Equal([("plate", "VARCHAR"), ("speed", "BIGINT")], evolving.AddedColumns.Select(c => (c.Name, c.Type)));
        Assert.Equal(["1|AB-1|", "2||71"], Rows(evolving.RowsSql));

        var fixedSchema = await ParseAsync(batch, schema, fixedSchema: true);
        Assert.Empty(fixedSchema.AddedColumns);
        Assert.Equal(["1", "2"], Rows(fixedSchema.RowsSql));
    }

    [Fact]
    public async Task ParseAsync_leaves_out_rejects_already_recorded()
    {
        var batch = Batch("x", "y", "z", "w");

        var parsed = await new JsonBatchParser(_scratch).ParseAsync(
            _connection, batch, [new("id", "BIGINT")], true, new Dictionary<int, long> { [0] = 2 }, CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], StreamSqlRows(parsed.RejectsSql).Select(r => (long)r[2]!).Order());
    }
}
