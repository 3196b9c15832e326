using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Lake.Query;

namespace OpenData.Api.Tests;

/// <summary>
/// GET /data/{department}/{dataset}.{format} on the SQL tests' lake: transport's public tickets (plate_number
/// personal; version 1 with 4 rows, version 2 with 6), health's internal appointments. Every format is read back by
/// a parser that is not ours.
/// </summary>
[Collection(SqlLakeCollection.Name)]
public sealed class DownloadTests(SqlLake lake)
{
    private string Tickets => $"/data/{lake.Transport}/traffic-tickets";

    [Fact]
    public async Task Csv_for_the_public_is_the_current_version_without_personal_columns()
    {
        var response = await GetAsync(null, Tickets + ".csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("traffic-tickets-v2.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var records = SqlFormatTests.ParseCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(["ticket_id", "district", "fine"], records[0].Select(field => field.Text));
        Assert.Equal(["1", "huangpu", "80.00"], records[1].Select(field => field.Text));
        Assert.Equal(7, records.Count);
    }

    [Fact]
    public async Task Json_and_ndjson_for_the_public_hold_every_row_without_personal_columns()
    {
        var json = await GetAsync(null, Tickets + ".json");
        var ndjson = await GetAsync(null, Tickets + ".ndjson");

        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["ticket_id", "district", "fine"], SqlLake.ColumnNames(document));
        Assert.Equal([1L, 2, 3, 4, 5, 6], document.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()).Order());
        Assert.False(document.GetProperty("truncated").GetBoolean());
        Assert.False(document.TryGetProperty("elapsed_ms", out _), "a file says what it holds, not how long it took");

        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var rows = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal(["ticket_id", "district", "fine"], row.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(120.50m, rows.Single(row => row.GetProperty("ticket_id").GetInt64() == 3).GetProperty("fine").GetDecimal());
    }

    [Fact]
    public async Task Parquet_for_the_public_reads_back_in_a_plain_DuckDB_without_personal_columns()
    {
        var response = await GetAsync(null, Tickets + ".parquet");

        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.MediaType);
        var columns = await SqlFormatTests.ReadParquetAsync(response, "SELECT column_name FROM (DESCRIBE FROM {file})");
        Assert.Equal(["ticket_id", "district", "fine"], columns.Select(row => (string)row[0]!));
        response = await GetAsync(null, Tickets + ".parquet");
        var total = await SqlFormatTests.ReadParquetAsync(response, "SELECT count(*), sum(fine) FROM {file}");
        Assert.Equal(6L, total[0][0]);
        Assert.Equal(580.50m, total[0][1]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("ndjson")]
    [InlineData("parquet")]
    public async Task No_format_carries_a_personal_value_to_the_public_and_an_analyst_gets_them_all(string format)
    {
        var anonymous = await (await GetAsync(null, $"{Tickets}.{format}")).Content.ReadAsByteArrayAsync();
        var analyst = await GetAsync(lake.AnalystKey, $"{Tickets}.{format}");

        Assert.All(SqlLake.Plates, plate => Assert.DoesNotContain(plate, Encoding.UTF8.GetString(anonymous)));
        Assert.DoesNotContain("plate_number", Encoding.UTF8.GetString(anonymous));
        var plates = format == "parquet"
            ? (await SqlFormatTests.ReadParquetAsync(analyst, "SELECT plate_number FROM {file}")).Select(row => (string)row[0]!)
            : SqlLake.Plates.Where((await analyst.Content.ReadAsStringAsync()).Contains);
        Assert.Equal(SqlLake.Plates.Order(), plates.Order());
    }

    [Fact]
    public async Task An_internal_dataset_is_not_found_for_the_public_and_downloads_with_an_analyst_key()
    {
        var path = $"/data/{lake.Health}/appointments.csv";

        Assert.Contains("appointments", await ProblemAssert.Detail(await GetAsync(null, path), HttpStatusCode.NotFound));
        var analyst = await GetAsync(lake.AnalystKey, path);
        Assert.Equal(HttpStatusCode.OK, analyst.StatusCode);
        Assert.Contains("Wang Fang", await analyst.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(lake.AnalystKey, $"/data/{lake.Transport}/officer-notes.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(lake.GrantedKey, $"/data/{lake.Transport}/officer-notes.csv")).StatusCode);
    }

    [Fact]
    public async Task A_version_downloads_by_number_and_unknown_ones_are_not_found()
    {
        var first = await GetAsync(null, Tickets + ".csv?version=1");

        Assert.Equal("traffic-tickets-v1.csv", first.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(5, SqlFormatTests.ParseCsv(await first.Content.ReadAsStringAsync()).Count);
        Assert.Contains("version 9", await ProblemAssert.Detail(await GetAsync(null, Tickets + ".csv?version=9"), HttpStatusCode.NotFound));
        await ProblemAssert.IsProblem(await GetAsync(null, Tickets + ".csv?version=0"), HttpStatusCode.BadRequest);
        Assert.Contains(".xml", await ProblemAssert.Detail(await GetAsync(null, Tickets + ".xml"), HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(null, $"/data/{lake.Transport}/nothing.csv")).StatusCode);
    }

    [Fact]
    public async Task The_etag_and_last_modified_answer_conditional_requests_with_304()
    {
        var first = await GetAsync(null, Tickets + ".csv");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        Assert.False(etag.IsWeak);
        Assert.NotEqual(etag, (await GetAsync(null, Tickets + ".csv?version=1")).Headers.ETag);
        Assert.NotEqual(etag, (await GetAsync(lake.AnalystKey, Tickets + ".csv")).Headers.ETag);
        var unchanged = await GetAsync(null, Tickets + ".csv", request => request.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        var since = await GetAsync(null, Tickets + ".csv", request => request.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, since.StatusCode);
        var other = await GetAsync(null, Tickets + ".csv", request => request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_range_answers_206_with_exactly_those_bytes()
    {
        var whole = await (await GetAsync(null, Tickets + ".parquet")).Content.ReadAsByteArrayAsync();

        var part = await GetAsync(null, Tickets + ".parquet", request => request.Headers.Range = new RangeHeaderValue(4, 103));
        var tail = await GetAsync(null, Tickets + ".parquet", request => request.Headers.Range = new RangeHeaderValue(null, 8));

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(4, 103, whole.Length), part.Content.Headers.ContentRange);
        Assert.Equal(whole[4..104], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(whole[^8..], await tail.Content.ReadAsByteArrayAsync());
        Assert.Equal("PAR1"u8.ToArray(), whole[^4..]);
    }

    [Fact]
    public async Task A_whole_file_asked_with_gzip_is_its_gzip_copy_with_its_own_etag_and_ranges()
    {
        var plain = await GetAsync(null, Tickets + ".csv");
        var gzipped = await GetAsync(null, Tickets + ".csv", request => request.Headers.AcceptEncoding.ParseAdd("gzip"));

        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", gzipped.Headers.Vary);
        Assert.NotEqual(plain.Headers.ETag, gzipped.Headers.ETag);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        Assert.Equal(await plain.Content.ReadAsStringAsync(), Gunzip(compressed));
        var part = await GetAsync(null, Tickets + ".csv", request =>
        {
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            request.Headers.Range = new RangeHeaderValue(0, 9);
        });
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(compressed[..10], await part.Content.ReadAsByteArrayAsync());
        var parquet = await GetAsync(null, Tickets + ".parquet", request => request.Headers.AcceptEncoding.ParseAdd("gzip"));
        Assert.Empty(parquet.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Socrata_parameters_select_filter_order_and_page_the_rows()
    {
        var query = "$select=ticket_id, fine * 2 AS doubled&$where=district = 'huangpu' OR fine > 70&$order=fine DESC, ticket_id&$limit=3&$offset=1";

        var response = await GetAsync(null, $"{Tickets}.json?{Escape(query)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("traffic-tickets-v2.json", response.Content.Headers.ContentDisposition?.FileName);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["ticket_id", "doubled"], SqlLake.ColumnNames(answer));
        // fine: 6→200.00, 3→120.50, 1→80.00, 5→80.00, 4→60.00 (not huangpu), 2→40.00 (not huangpu): skip one, take three.
        Assert.Equal([3L, 1, 5], answer.GetProperty("rows").EnumerateArray().Select(row => row[0].GetInt64()));
        var old = await GetAsync(null, $"{Tickets}.csv?version=1&{Escape("$select=count(*) AS n")}");
        Assert.Equal("n\r\n4\r\n", await old.Content.ReadAsStringAsync());
        Assert.Equal("traffic-tickets-v1.csv", old.Content.Headers.ContentDisposition?.FileName);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    [InlineData("parquet")]
    public async Task A_filtered_download_comes_in_every_format(string format)
    {
        var response = await GetAsync(null, $"{Tickets}.{format}?{Escape("$where=ticket_id <= 2&$order=ticket_id")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = format switch
        {
            "csv" => SqlFormatTests.ParseCsv(await response.Content.ReadAsStringAsync()).Skip(1).Select(record => long.Parse(record[0].Text)).ToList(),
            "ndjson" => (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("ticket_id").GetInt64()).ToList(),
            _ => (await SqlFormatTests.ReadParquetAsync(response, "SELECT ticket_id FROM {file}")).Select(row => (long)row[0]!).ToList(),
        };
        Assert.Equal([1L, 2], ids);
    }

    [Fact]
    public async Task A_filtered_download_is_gzipped_when_asked()
    {
        var response = await GetAsync(null, $"{Tickets}.csv?{Escape("$order=ticket_id")}", request => request.Headers.AcceptEncoding.ParseAdd("gzip"));

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var text = Gunzip(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("ticket_id,district,fine\r\n1,huangpu,80.00\r\n", text);
    }

    [Theory]
    [InlineData("$where=1=1; COPY (SELECT 1) TO '{file}' (FORMAT csv)", "Parser Error")]
    [InlineData("$order=ticket_id; COPY (SELECT 1) TO '{file}' (FORMAT csv)", "2 statements")]
    [InlineData("$select=*) TO '{file}' (FORMAT csv", "Parser Error")]
    [InlineData("$select=* FROM read_csv('/etc/passwd') WHERE (true /*&$where=*/ AND true", "Permission Error")]
    [InlineData("$where=ticket_id IN (SELECT 1 FROM read_parquet('{data}/lake/internal/{transport}/traffic-tickets/*/*.parquet'))", "Permission Error")]
    [InlineData("$select=plate_number", "plate_number")]
    [InlineData("$where=true) UNION ALL (SELECT 1, 'x', 1.0", "own dataset")]
    [InlineData("$select=* FROM \"{transport}\".\"traffic-tickets@v1\" WHERE (true /*&$where=*/ AND true", "own dataset")]
    [InlineData("$where=sleep_ms(1) IS NULL", "sleep_ms")]
    [InlineData("$group=district", "$group")]
    [InlineData("$limit=-1", "$limit")]
    public async Task Parameters_that_would_escape_the_one_select_are_refused(string query, string named)
    {
        var file = Path.Combine(Path.GetTempPath(), "download-escape-" + Guid.NewGuid().ToString("N") + ".csv");
        var filled = query.Replace("{file}", file).Replace("{data}", lake.Factory.DataDirectory).Replace("{transport}", lake.Transport);

        var response = await GetAsync(null, $"{Tickets}.csv?{Escape(filled)}");

        var detail = await ProblemAssert.Detail(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, detail);
        Assert.All(SqlLake.Plates, plate => Assert.DoesNotContain(plate, detail));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task An_analyst_cannot_pass_another_dataset_off_as_this_one()
    {
        var query = $"$select=* FROM \"{lake.Health}\".appointments WHERE (true /*&$where=*/ AND true";

        var response = await GetAsync(lake.AnalystKey, $"{Tickets}.csv?{Escape(query)}");

        Assert.Contains("own dataset", await ProblemAssert.Detail(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_whole_csv_is_byte_for_byte_what_the_sql_endpoint_writes_for_the_same_rows()
    {
        var seed = new ApiSeed(lake.Factory);
        var slug = ApiSeed.Unique("tricky");
        await seed.DatasetAsync(lake.TransportKey, new { department = lake.Transport, slug, title = slug, access = "public" });
        const string csv = """
            id,label,ratio,big,paid,day,issued,note
            1,plain,1.5,100,true,2024-03-01,2024-03-01 12:34:56.789,x
            2,"comma, ""quote""
            line",-0.25,1e16,false,1999-12-31,2000-01-01 00:00:00,""
            3,沪A12345,100.0,12345678901234567,,,,
            4," spaced ",0.00001,-3.5e20,true,2024-02-29,2024-02-29 23:59:59.000001,"cr\r"
            """;
        var upload = await new UploadClient(lake.Factory, lake.TransportKey, lake.Transport, slug).PutTextAsync(csv.Replace("\\r", "\r") + "\n");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var download = await GetAsync(null, $"/data/{lake.Transport}/{slug}.csv");
        var sql = Uri.EscapeDataString($"SELECT * FROM \"{lake.Transport}\".\"{slug}\"");
        var query = await GetAsync(null, $"/api/v1/sql?format=csv&sql={sql}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        var bytes = await download.Content.ReadAsStringAsync();
        Assert.Equal(await query.Content.ReadAsStringAsync(), bytes);
        Assert.Equal(5, SqlFormatTests.ParseCsv(bytes).Count);
    }

    [Fact]
    public async Task DuckDB_copy_writes_the_csv_writers_bytes_for_every_type_it_takes_and_declines_the_others()
    {
        const string tricky = """"
            SELECT * FROM (VALUES
                (1, 'plain', 1.5::DOUBLE, 80.00::DECIMAL(10,2), DATE '2024-03-01', TIMESTAMP '2024-03-01 12:34:56.789', true, 'x', '\xFF\x00a'::BLOB, TIME '12:34:56.5', 5::HUGEINT, 'a8b2ec73-c407-4893-862e-9ab415338bc8'::UUID, 200::UTINYINT),
                (2, 'comma, "quote"' || chr(10) || 'line' || chr(13), -0.25::DOUBLE, 0.10::DECIMAL(10,2), DATE '1999-12-31', TIMESTAMP '2000-01-01 00:00:00', false, '', ''::BLOB, TIME '00:00:00', -12345678901234567890123::HUGEINT, NULL, 0::UTINYINT),
                (3, '沪A12345', 'NaN'::DOUBLE, 12345678.90::DECIMAL(10,2), NULL, TIMESTAMP '2024-02-29 23:59:59.000001', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (4, ' \N ', 'inf'::DOUBLE, -0.01::DECIMAL(10,2), DATE '0099-01-01', TIMESTAMP '0099-01-01 01:02:03.1', true, 'a;b', NULL, NULL, NULL, NULL, NULL),
                (5, NULL, '-inf'::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (6, 'a', 100.0::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (7, 'b', 1e16::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (8, 'c', -6.925693345514683e16::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (9, 'd', 1e17::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (10, 'e', 1.5e-7::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (11, 'f', 0.0001::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (12, 'g', -0.0::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (13, 'h', 123456789012345.6::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (14, 'i', 1.7976931348623157e308::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (15, 'j', 5e-324::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (16, 'k', 3.0::DOUBLE, NULL, NULL, TIMESTAMP '0005-06-07 08:09:10', NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            ) AS t(id, "label, with ""quotes""", ratio, fine, day, issued, paid, maybe, bytes, clock, huge, id2, small)
            ORDER BY id
            """";
        var engine = lake.Factory.Services.GetRequiredService<QueryEngine>();
        using var session = await engine.OpenSessionAsync(QueryAudience.Public);

        var query = session.Check(tricky);
        string? writing = null;
        using var export = await session.ExportCsvAsync(query, path => writing = path, CancellationToken.None);
        Assert.NotNull(export);
        Assert.Equal(export.Path, writing);
        Assert.Equal(16, export.Rows);
        var written = new MemoryStream();
        await using (var reader = await session.ExecuteReaderAsync(query, CancellationToken.None))
        {
            await SqlRowWriter.For(SqlFormat.Csv).WriteAsync(written, reader, CancellationToken.None);
        }
        Assert.Equal(Encoding.UTF8.GetString(written.ToArray()), await File.ReadAllTextAsync(export.Path));

        foreach (var other in new[] { "[1, 2]", "{'a': 1}", "1.5::FLOAT", "TIMESTAMPTZ '2024-01-01 12:00:00+00'", "INTERVAL 1 DAY", "MAP {'k': 1}" })
        {
            Assert.Null(await session.ExportCsvAsync(session.Check($"SELECT 1 AS id, {other} AS other"), _ => Assert.Fail("nothing is written"), CancellationToken.None));
        }
    }

    [Fact]
    public async Task Concurrent_first_downloads_make_the_file_once_and_get_the_same_bytes()
    {
        var seed = new ApiSeed(lake.Factory);
        var slug = ApiSeed.Unique("counts");
        await seed.DatasetAsync(lake.TransportKey, new { department = lake.Transport, slug, title = slug, access = "public" });
        var rows = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i},district {i % 7}\n"));
        Assert.Equal(HttpStatusCode.Created, (await new UploadClient(lake.Factory, lake.TransportKey, lake.Transport, slug).PutTextAsync("id,district\n" + rows)).StatusCode);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await (await GetAsync(null, $"/data/{lake.Transport}/{slug}.ndjson")).Content.ReadAsByteArrayAsync()));

        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        Assert.Equal(20_000, Encoding.UTF8.GetString(answers[0]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var folder = Path.Combine(lake.Factory.DataDirectory, "downloads", "public", lake.Transport, slug);
        Assert.Single(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task A_first_whole_download_is_sent_while_it_is_made_and_holds_the_bytes_of_the_kept_file(string format)
    {
        var seed = new ApiSeed(lake.Factory);
        var slug = ApiSeed.Unique("growing");
        await seed.DatasetAsync(lake.TransportKey, new { department = lake.Transport, slug, title = slug, access = "public" });
        var rows = string.Concat(Enumerable.Range(1, 50_000).Select(i => $"{i},2024-03-01 12:{i % 60:00}:{i % 59:00},{i % 97}.{i % 1000:000},district {i % 7}\n"));
        var upload = await new UploadClient(lake.Factory, lake.TransportKey, lake.Transport, slug).PutTextAsync("id,issued_at,ratio,district\n" + rows);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var first = await GetAsync(null, $"/data/{lake.Transport}/{slug}.{format}");
        var again = await GetAsync(null, $"/data/{lake.Transport}/{slug}.{format}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // Sent as it was written: the length was not known when the answer began (ContentLength would count the body).
        Assert.False(first.Content.Headers.NonValidated.Contains("Content-Length"));
        Assert.True(again.Content.Headers.NonValidated.Contains("Content-Length"));
        Assert.Equal(again.Headers.ETag, first.Headers.ETag);
        Assert.Equal(again.Content.Headers.LastModified, first.Content.Headers.LastModified);
        Assert.Equal($"{slug}-v1.{format}", first.Content.Headers.ContentDisposition?.FileName);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(lake.Factory.DataDirectory, "downloads", "public", lake.Transport, slug)));
        var body = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(kept), body);
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(body.Length, again.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task A_column_marked_personal_later_leaves_the_public_download_of_every_version()
    {
        var seed = new ApiSeed(lake.Factory);
        var slug = ApiSeed.Unique("marked");
        await seed.DatasetAsync(lake.TransportKey, new { department = lake.Transport, slug, title = slug, access = "public" });
        await new UploadClient(lake.Factory, lake.TransportKey, lake.Transport, slug).PutTextAsync("id,officer\n1,Officer Chen\n");
        var before = await GetAsync(null, $"/data/{lake.Transport}/{slug}.csv");
        Assert.Contains("Officer Chen", await before.Content.ReadAsStringAsync());

        using (var publisher = lake.Factory.CreateClient(lake.TransportKey))
        {
            var patched = await publisher.PatchAsJsonAsync($"/api/v1/datasets/{lake.Transport}/{slug}", new { personalColumns = new[] { "officer" } });
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }
        var after = await GetAsync(null, $"/data/{lake.Transport}/{slug}.csv", request => request.Headers.IfNoneMatch.Add(before.Headers.ETag!));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("id\r\n1\r\n", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Queries_and_downloads_are_in_the_audit_log()
    {
        var sql = $"SELECT count(*) FROM {lake.Tickets} AS t JOIN {lake.Appointments} AS a USING (district) -- {Guid.NewGuid()}";
        await lake.QueryAsync(lake.AnalystKey, sql);
        var marker = Guid.NewGuid().ToString("N");
        var whole = await GetAsync(null, Tickets + ".csv?version=1&marker=" + marker);
        var filtered = await GetAsync(null, $"{Tickets}.csv?{Escape($"$where=fine > 70 OR '{marker}' = ''")}");
        var refused = await GetAsync(null, $"/data/{lake.Health}/appointments.csv?marker={marker}");

        var query = Assert.Single(await AuditAsync("query"), entry => entry.GetProperty("detail").GetString() == sql);
        Assert.Equal(
            new[] { $"{lake.Health}/appointments", $"{lake.Transport}/traffic-tickets" },
            query.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()).Order());
        Assert.Equal(("analyst", 200, 1L), (query.GetProperty("role").GetString(), query.GetProperty("status").GetInt32(), query.GetProperty("rows").GetInt64()));
        Assert.True(query.GetProperty("bytes").GetInt64() > 0);

        var downloads = (await AuditAsync("download")).Where(entry => entry.GetProperty("detail").GetString()!.Contains(marker)).ToList();
        Assert.Equal(3, downloads.Count);
        var file = downloads.Single(entry => entry.GetProperty("detail").GetString()!.StartsWith($"{Tickets}.csv?version=1"));
        Assert.Equal((200, 4L, (long)(await whole.Content.ReadAsByteArrayAsync()).Length),
            (file.GetProperty("status").GetInt32(), file.GetProperty("rows").GetInt64(), file.GetProperty("bytes").GetInt64()));
        Assert.Equal(JsonValueKind.Null, file.GetProperty("keyId").ValueKind);
        Assert.Equal([$"{lake.Transport}/traffic-tickets"], file.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
        var select = downloads.Single(entry => entry.GetProperty("detail").GetString()!.StartsWith("SELECT"));
        Assert.Equal((200, 4L), (select.GetProperty("status").GetInt32(), select.GetProperty("rows").GetInt64()));
        Assert.Equal((long)(await filtered.Content.ReadAsByteArrayAsync()).Length, select.GetProperty("bytes").GetInt64());
        var notFound = downloads.Single(entry => entry.GetProperty("status").GetInt32() == 404);
        Assert.Contains("appointments", notFound.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string? key, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var client = lake.Factory.CreateClient(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    private async Task<List<JsonElement>> AuditAsync(string action)
    {
        using var admin = lake.Factory.CreateAdminClient();
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action={action}&limit=1000");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>Each parameter's value escaped, as a browser sends it; names and '=' / '&' between them kept.</summary>
    private static string Escape(string query) => string.Join("&", query.Split('&').Select(pair =>
    {
        var equals = pair.IndexOf('=');
        return Uri.EscapeDataString(pair[..equals]) + "=" + Uri.EscapeDataString(pair[(equals + 1)..]);
    }));

    private static string Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
