using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Api.Tests;

/// <summary>Each answer format read back by a parser that is not ours: System.Text.Json, a CSV reader written here, DuckDB's Parquet reader.</summary>
[Collection(SqlLakeCollection.Name)]
public sealed class SqlFormatTests(SqlLake lake)
{
    private const string Tricky = """
        SELECT * FROM (VALUES
            (1, 'plain', 1.5::DOUBLE, 80.00::DECIMAL(10,2), DATE '2024-03-01', TIMESTAMP '2024-03-01 12:34:56.789', true, [1, 2], 'x'),
            (2, 'comma, "quote"' || chr(10) || 'line', -0.25::DOUBLE, 0.10::DECIMAL(10,2), DATE '1999-12-31', TIMESTAMP '2000-01-01 00:00:00', false, []::INTEGER[], ''),
            (3, '沪A12345', 'NaN'::DOUBLE, 12345678.90::DECIMAL(10,2), NULL, NULL, NULL, NULL, NULL)
        ) AS t(id, label, ratio, fine, day, issued, paid, list, maybe)
        ORDER BY id
        """;

    [Fact]
    public async Task Json_holds_columns_typed_values_and_the_flags()
    {
        var answer = await ReadJsonAsync(await AskAsync("json"));

        Assert.Equal(["id", "label", "ratio", "fine", "day", "issued", "paid", "list", "maybe"], SqlLake.ColumnNames(answer));
        Assert.Equal(["INTEGER", "VARCHAR", "DOUBLE", "DECIMAL(10,2)", "DATE", "TIMESTAMP", "BOOLEAN", "INTEGER[]", "VARCHAR"],
            answer.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        var rows = answer.GetProperty("rows");
        Assert.Equal(3, rows.GetArrayLength());
        AssertFirstRows(
            rows[0].EnumerateArray().ToArray(),
            rows[1].EnumerateArray().ToArray(),
            rows[2].EnumerateArray().ToArray());
        Assert.False(answer.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Ndjson_holds_one_object_per_row()
    {
        var response = await AskAsync("ndjson");

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("", lines[^1]);
        var rows = lines[..^1].Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(3, rows.Length);
        string[] names = ["id", "label", "ratio", "fine", "day", "issued", "paid", "list", "maybe"];
        AssertFirstRows(
            names.Select(name => rows[0].GetProperty(name)).ToArray(),
            names.Select(name => rows[1].GetProperty(name)).ToArray(),
            names.Select(name => rows[2].GetProperty(name)).ToArray());
        Assert.Equal("false", Truncated(response));
    }

    [Fact]
    public async Task Csv_is_rfc_4180_with_null_as_an_empty_field()
    {
        var response = await AskAsync("csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var records = ParseCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, records.Count);
        Assert.Equal(["id", "label", "ratio", "fine", "day", "issued", "paid", "list", "maybe"], records[0].Select(f => f.Text));
        Assert.Equal(["1", "plain", "1.5", "80.00", "2024-03-01", "2024-03-01 12:34:56.789", "true", "[1,2]", "x"], records[1].Select(f => f.Text));
        Assert.Equal(["2", "comma, \"quote\"\nline", "-0.25", "0.10", "1999-12-31", "2000-01-01 00:00:00", "false", "[]", ""], records[2].Select(f => f.Text));
        Assert.True(records[2][8].Quoted, "an empty string is a quoted empty field");
        Assert.Equal(["3", "沪A12345", "NaN", "12345678.90", "", "", "", "", ""], records[3].Select(f => f.Text));
        Assert.All(records[3].Skip(4), field => Assert.False(field.Quoted, "NULL is an empty field without quotes"));
        Assert.Equal("false", Truncated(response));
    }

    [Fact]
    public async Task Parquet_is_written_by_DuckDB_and_read_back_by_a_plain_DuckDB()
    {
        var response = await AskAsync("parquet");

        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("false", Assert.Single(response.Headers.GetValues("X-Truncated")));
        var rows = await ReadParquetAsync(response, "SELECT id, label, ratio, fine, day, issued, paid, list, maybe, typeof(fine), typeof(issued) FROM {file} ORDER BY id");
        Assert.Equal(3, rows.Count);
        Assert.Equal([1, "plain", 1.5, 80.00m, new DateOnly(2024, 3, 1), new DateTime(2024, 3, 1, 12, 34, 56, 789), true], rows[0][..7]);
        Assert.Equal([1, 2], Assert.IsType<List<int?>>(rows[0][7]).Select(i => i!.Value));
        Assert.Equal(("DECIMAL(10,2)", "TIMESTAMP"), ((string)rows[0][9]!, (string)rows[0][10]!));
        Assert.Equal("comma, \"quote\"\nline", rows[1][1]);
        Assert.Equal("", rows[1][8]);
        Assert.Equal("沪A12345", rows[2][1]);
        Assert.True(double.IsNaN((double)rows[2][2]!));
        Assert.All(rows[2][4..9], Assert.Null);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    [InlineData("parquet")]
    public async Task Every_format_is_cut_at_max_rows_and_says_so(string format)
    {
        var response = await lake.PostAsync(null, new { sql = "SELECT range AS n FROM range(100)", format, max_rows = 7 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", Truncated(response));
        var count = format switch
        {
            "csv" => ParseCsv(await response.Content.ReadAsStringAsync()).Count - 1,
            "ndjson" => (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length,
            _ => (long)(await ReadParquetAsync(response, "SELECT count(*) FROM {file}"))[0][0]!,
        };
        Assert.Equal(7, count);
    }

    [Fact]
    public async Task Parquet_refuses_explain_which_answers_in_text()
    {
        var response = await lake.PostAsync(null, new { sql = "EXPLAIN SELECT 1", format = "parquet" });

        Assert.Contains("EXPLAIN", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Parquet_exports_leave_nothing_behind()
    {
        var response = await AskAsync("parquet");
        await response.Content.ReadAsByteArrayAsync();

        var exports = Directory.GetDirectories(Path.Combine(lake.Factory.DataDirectory, "sandboxes"))
            .SelectMany(sandbox => Directory.GetFiles(Path.Combine(sandbox, "export")));
        Assert.Empty(exports);
    }

    [Theory]
    [InlineData(null, 300_000, "false")]
    [InlineData(250_000, 250_000, "true")]
    public async Task An_answer_longer_than_the_look_ahead_streams_and_says_in_a_trailer_whether_it_was_cut(int? maxRows, int rows, string truncated)
    {
        using var client = lake.Factory.CreateClient();
        var sql = Uri.EscapeDataString("SELECT range AS n, 'row ' || range AS label FROM range(300000)");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sql?format=csv&sql={sql}" + (maxRows is null ? "" : $"&max_rows={maxRows}"));

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.False(response.Headers.Contains("X-Truncated"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0;
        string? last = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            lines++;
            last = line;
        }

        Assert.Equal((rows + 1, $"{rows - 1},row {rows - 1}"), (lines, last));
        Assert.Equal(truncated, Truncated(response));
    }

    private static void AssertFirstRows(JsonElement[] first, JsonElement[] second, JsonElement[] third)
    {
        Assert.Equal(1, first[0].GetInt32());
        Assert.Equal("plain", first[1].GetString());
        Assert.Equal(1.5, first[2].GetDouble());
        Assert.Equal(80.00m, first[3].GetDecimal());
        Assert.Equal("80.00", first[3].GetRawText());
        Assert.Equal("2024-03-01", first[4].GetString());
        Assert.Equal(new DateTime(2024, 3, 1, 12, 34, 56, 789), first[5].GetDateTime());
        Assert.True(first[6].GetBoolean());
        Assert.Equal([1, 2], first[7].EnumerateArray().Select(item => item.GetInt32()));
        Assert.Equal("comma, \"quote\"\nline", second[1].GetString());
        Assert.Equal(-0.25, second[2].GetDouble());
        Assert.Equal(0, second[7].GetArrayLength());
        Assert.Equal("", second[8].GetString());
        Assert.Equal("沪A12345", third[1].GetString());
        Assert.Equal("NaN", third[2].GetString());
        Assert.Equal(12345678.90m, third[3].GetDecimal());
        Assert.All(third[4..], value => Assert.Equal(JsonValueKind.Null, value.ValueKind));
    }

    private Task<HttpResponseMessage> AskAsync(string format) => lake.PostAsync(null, new { sql = Tricky, format });

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>X-Truncated: a header on Parquet answers, a trailer on streamed ones.</summary>
    private static string? Truncated(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Truncated", out var header) ? header.Single()
        : response.TrailingHeaders.TryGetValues("X-Truncated", out var trailer) ? trailer.Single()
        : null;

    /// <summary>Runs <paramref name="sql"/> with {file} standing for the answer saved as a file, on a plain in-memory DuckDB.</summary>
    internal static async Task<List<object?[]>> ReadParquetAsync(HttpResponseMessage response, string sql)
    {
        var path = Path.Combine(Path.GetTempPath(), "sql-answer-" + Guid.NewGuid().ToString("N") + ".parquet");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            using var connection = new DuckDBConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql.Replace("{file}", $"read_parquet('{path}')");
            using var reader = command.ExecuteReader();
            return reader.ReadRows();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>RFC 4180 read character by character: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static List<List<(string Text, bool Quoted)>> ParseCsv(string text)
    {
        var records = new List<List<(string Text, bool Quoted)>>();
        var record = new List<(string Text, bool Quoted)>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"' && field.Length == 0 && !quoted)
            {
                quoted = true;
                // Up to the closing quote; a doubled quote inside is one quote.
                for (i++; !(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')); i++)
                {
                    field.Append(text[i]);
                    if (text[i] == '"')
                    {
                        i++;
                    }
                }
            }
            else if (text[i] == ',')
            {
                EndField();
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                EndField();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(text[i]);
            }
        }
        Assert.True(record.Count == 0 && field.Length == 0, "the last record ends with CRLF");
        return records;

        void EndField()
        {
            record.Add((field.ToString(), quoted));
            field.Clear();
            quoted = false;
        }
    }
}
