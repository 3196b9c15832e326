using System.Globalization;
using ExcelDataReader;
using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Reads one sheet of an .xlsx workbook with ExcelDataReader, row by row, into a text table through DuckDB's
/// appender; the values are then typed like CSV values. Numbers arrive as doubles and are written with their
/// shortest round-trip text, dates in ISO form. Rejects carry the sheet's row number.
/// </summary>
internal static class XlsxSource
{
    public static async Task<ImportResult> ImportAsync(
        DuckDBConnection connection, ImportRequest request, FileFacts facts, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = Open(stream, facts);
        SelectSheet(reader, request.SheetName, facts);

        var sheetRow = 0L;
        object?[]? first = null;
        while (first is null && reader.Read())
        {
            sheetRow++;
            var values = Values(reader);
            first = values.Any(v => v is not null) ? values : null; // leading empty rows are skipped
        }
        if (first is null)
        {
            throw new IngestException($"Sheet '{reader.Name}' of '{facts.FileName}' holds no rows.") { FileName = facts.FileName };
        }
        var hasHeader = request.HasHeader ?? CsvSource.LooksLikeHeader(first.Select(v => (object?)v).ToArray());
        var width = Array.FindLastIndex(first, v => v is not null) + 1;
        var titles = hasHeader
            ? first.Take(width).Select(v => (string?)v ?? "").ToList()
            : Enumerable.Range(1, width).Select(i => $"column_{i}").ToList();
        var names = ColumnNames.Normalise(titles);

        var raw = IngestSql.NewTableName("raw");
        var builder = new TypedTableBuilder(connection, new TextParsing(false, Locales.Parsing(request).DateOrder), request);
        try
        {
            var definition = string.Join(", ", names.Select((_, i) => $"c{i} VARCHAR"));
            await IngestSql.ExecuteAsync(connection, $"CREATE TEMP TABLE {raw} (__row BIGINT, {definition})", cancellationToken);
            using (var appender = connection.CreateAppender(raw))
            {
                var row = hasHeader ? null : first;
                do
                {
                    if (row is not null && row.Any(v => v is not null))
                    {
                        if (Array.FindLastIndex(row, v => v is not null) >= width)
                        {
                            builder.ReadRejectedRows++;
                            builder.ReadRejects.Add(new ImportReject(sheetRow, null, string.Join(",", row.Select(v => v ?? "")),
                                $"Too many columns: the row has values beyond the {width} columns of the header"));
                        }
                        else
                        {
                            appender.Append(sheetRow);
                            for (var i = 0; i < width; i++)
                            {
                                if (i < row.Length && row[i] is { } value) appender.Append(value); else appender.AppendNull();
                            }
                            appender.EndRow();
                        }
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    row = reader.Read() ? Values(reader) : null;
                    sheetRow++;
                }
                while (row is not null);
            }
            var columns = names.Select((n, i) => new SourceColumn($"c{i}", n, titles[i], null)).ToList();
            var built = await builder.BuildAsync($"{raw} AS source", columns, cancellationToken);
            return facts.Result(built, ImportFormat.Xlsx);
        }
        finally
        {
            await IngestSql.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {raw}", CancellationToken.None);
        }
    }

    private static IExcelDataReader Open(Stream stream, FileFacts facts)
    {
        try
        {
            return ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IngestException($"'{facts.FileName}' is not a readable .xlsx workbook: {e.Message}", e) { FileName = facts.FileName };
        }
    }

    private static void SelectSheet(IExcelDataReader reader, string? sheetName, FileFacts facts)
    {
        if (sheetName is null)
        {
            return;
        }
        var seen = new List<string>();
        do
        {
            if (string.Equals(reader.Name, sheetName, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            seen.Add(reader.Name);
        }
        while (reader.NextResult());
        throw new IngestException($"'{facts.FileName}' has no sheet '{sheetName}'; its sheets are {string.Join(", ", seen)}.") { FileName = facts.FileName };
    }

    private static string?[] Values(IExcelDataReader reader)
    {
        var values = new string?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetValue(i) switch
            {
                null => null,
                string s => s.Length == 0 ? null : s,
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                DateTime t => t.TimeOfDay == TimeSpan.Zero
                    ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture),
            };
        }
        return values;
    }
}
