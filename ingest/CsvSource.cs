using System.Text;
using System.Text.RegularExpressions;
using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Reads a UTF-8 CSV/TSV file with DuckDB's reader, every value as text, and with <c>store_rejects</c> so that a
/// row with the wrong number of fields becomes a reject with its line and raw text instead of shifting columns.
/// The header is read as an ordinary row so its text reaches the titles unchanged.
/// </summary>
internal static partial class CsvSource
{
    public static async Task<ImportResult> ImportAsync(
        DuckDBConnection connection, ImportRequest request, string utf8Path, ImportFormat format, FileFacts facts, CancellationToken cancellationToken)
    {
        var sample = await ReadSampleAsync(utf8Path, cancellationToken);
        var delimiter = CsvDialect.DetectDelimiter(sample, format, request.Delimiter);
        var raw = IngestSql.NewTableName("raw");
        var rejectsTable = IngestSql.NewTableName("rejects");
        var rejectsScan = IngestSql.NewTableName("scan");
        try
        {
            await IngestSql.ExecuteAsync(connection,
                $"CREATE TEMP TABLE {raw} AS SELECT * FROM read_csv({IngestSql.Literal(utf8Path)}, delim = {IngestSql.Literal(delimiter.ToString())}, " +
                $"quote = '\"', escape = '\"', header = false, all_varchar = true, " +
                $"store_rejects = true, rejects_table = '{rejectsTable}', rejects_scan = '{rejectsScan}')",
                cancellationToken);
            var rawColumns = (await IngestSql.DescribeAsync(connection, $"SELECT * FROM {raw}", cancellationToken)).Select(c => c.Name).ToList();
            var structural = await IngestSql.RowsAsync(connection,
                $"SELECT line, column_name, CAST(error_type AS VARCHAR), csv_line, error_message FROM {rejectsTable} ORDER BY line, column_idx",
                cancellationToken);
            var firstRow = (await IngestSql.RowsAsync(connection, $"SELECT * FROM {raw} WHERE rowid = 0", cancellationToken)).FirstOrDefault()
                ?? throw new IngestException($"'{facts.FileName}' holds no rows.") { FileName = facts.FileName };
            if (structural.Any(r => Convert.ToInt64(r[0]) == 1))
            {
                throw new IngestException(
                    $"The first line of '{facts.FileName}' does not have the {rawColumns.Count} fields the other lines have " +
                    $"(delimiter '{Show(delimiter)}'); check the delimiter or the header.") { FileName = facts.FileName };
            }

            var hasHeader = request.HasHeader ?? LooksLikeHeader(firstRow);
            var titles = hasHeader ? firstRow.Select(v => (string?)v ?? "").ToList() : rawColumns.Select((_, i) => $"column_{i + 1}").ToList();
            var names = ColumnNames.Normalise(titles);
            var columns = rawColumns.Select((c, i) => new SourceColumn(IngestSql.Identifier(c), names[i], titles[i], null)).ToList();
            var source = $"(SELECT rowid AS __row, * FROM {raw} WHERE rowid >= {(hasHeader ? 1 : 0)}) AS source";

            var parsing = await ParsingFor(connection, request, source, columns, delimiter, cancellationToken);
            var builder = new TypedTableBuilder(connection, parsing, request);
            var rejectLines = structural.Select(r => Convert.ToInt64(r[0])).Distinct().ToList();
            builder.ReadRejectedRows = rejectLines.Count;
            builder.ReadRejects.AddRange(structural.Select(r => new ImportReject(
                Convert.ToInt64(r[0]),
                r[1] is string name && rawColumns.IndexOf(name) is var index and >= 0 ? names[index] : null,
                (string?)r[3],
                Capitalise((string)r[2]!, (string?)r[4]))));
            builder.LineOf = row => LineOf(row, rejectLines);

            var built = await builder.BuildAsync(source, columns, cancellationToken);
            return facts.Result(built, format);
        }
        finally
        {
            await IngestSql.ExecuteAsync(connection,
                $"DROP TABLE IF EXISTS {raw}; DROP TABLE IF EXISTS {rejectsTable}; DROP TABLE IF EXISTS {rejectsScan};", CancellationToken.None);
        }
    }

    /// <summary>DuckDB numbers lines from 1 at the header, one per record; rejected lines are not in the raw table.</summary>
    private static long LineOf(long row, List<long> rejectLines)
    {
        var line = row + 1;
        foreach (var rejected in rejectLines)
        {
            if (rejected > line)
            {
                break;
            }
            line++;
        }
        return line;
    }

    /// <summary>A first row is a header unless one of its values looks like a number, date or boolean.</summary>
    public static bool LooksLikeHeader(object?[] firstRow) =>
        firstRow.Any(v => v is string s && s.Trim().Length > 0)
        && firstRow.All(v => v is not string s || !ValueLike().IsMatch(s.Trim()));

    [GeneratedRegex(@"^[+-]?[0-9][0-9.,:/ -]*$|^(true|false)$", RegexOptions.IgnoreCase)]
    private static partial Regex ValueLike();

    private static async Task<TextParsing> ParsingFor(
        DuckDBConnection connection, ImportRequest request, string source, List<SourceColumn> columns, char delimiter, CancellationToken cancellationToken)
    {
        var declared = Locales.Parsing(request);
        if (declared.DecimalComma is { } comma)
        {
            return new TextParsing(comma, declared.DateOrder);
        }
        // With a comma delimiter a decimal comma would need quotes everywhere: only other delimiters are checked.
        var detected = delimiter != ',' && await TextColumnTyper.DetectDecimalCommaAsync(
            connection, source, columns.Select(c => c.Sql).ToList(), cancellationToken);
        return new TextParsing(detected, declared.DateOrder);
    }

    private static async Task<string> ReadSampleAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[IngestLimits.SampleBytes];
        await using var stream = File.OpenRead(path);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Capitalise(string errorType, string? message) =>
        errorType.Length == 0 ? message ?? "" : char.ToUpperInvariant(errorType[0]) + errorType[1..].ToLowerInvariant() + (message is null ? "" : $": {message}");

    private static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}
