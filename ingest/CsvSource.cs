using System.Text;
using System.Text.RegularExpressions;
using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Reads a UTF-8 CSV/TSV file with DuckDB's reader, every value as text, and with <c>store_rejects</c> so that a
/// row with the wrong number of fields becomes a reject with its line and raw text instead of shifting columns.
/// Asked for an unchecked import, it types the columns from the first rows and returns a SELECT over the file
/// that stops at the first value that does not fit (see <see cref="TypedTableBuilder.UncheckedSelectAsync"/>).
/// </summary>
internal static partial class CsvSource
{
    public static async Task<ImportResult> ImportAsync(
        DuckDBConnection connection, ImportRequest request, string utf8Path, ImportFormat format, FileFacts facts, CancellationToken cancellationToken)
    {
        var sample = await ReadSampleAsync(utf8Path, cancellationToken);
        var delimiter = CsvDialect.DetectDelimiter(sample, format, request.Delimiter);
        if (request.Unchecked)
        {
            await using var head = await RawRead.ReadAsync(connection, utf8Path, delimiter, IngestLimits.UncheckedSampleRows, cancellationToken);
            // A sample that already has a malformed line is imported with checks, which report it.
            if (head.Structural.Count == 0)
            {
                var layout = Layout(request, facts, head);
                var parsing = await ParsingFor(connection, request, layout.Source, layout.Columns, delimiter, cancellationToken);
                var builder = new TypedTableBuilder(connection, parsing, request);
                var fileSource = $"read_csv({IngestSql.Literal(utf8Path)}, {Dialect(delimiter)}, header = {(layout.HasHeader ? "true" : "false")}, " +
                                 $"all_varchar = true, names = [{string.Join(", ", head.Columns.Select(IngestSql.Literal))}]) AS source";
                var select = await builder.UncheckedSelectAsync(layout.Source, fileSource, layout.Columns, cancellationToken);
                var described = await IngestSql.DescribeAsync(connection, select, cancellationToken);
                return facts.Unchecked(select, described.Select((d, i) => new SchemaColumn(d.Name, d.Type, layout.Columns[i].Title)).ToList(), format);
            }
        }

        await using var raw = await RawRead.ReadAsync(connection, utf8Path, delimiter, rowLimit: null, cancellationToken);
        if (raw.Structural.Any(r => Convert.ToInt64(r[0]) == 1))
        {
            throw new IngestException(
                $"The first line of '{facts.FileName}' does not have the {raw.Columns.Count} fields the other lines have " +
                $"(delimiter '{Show(delimiter)}'); check the delimiter or the header.") { FileName = facts.FileName };
        }
        var (hasHeader, columns, source) = Layout(request, facts, raw);
        var rejectLines = raw.Structural.Select(r => Convert.ToInt64(r[0])).Distinct().ToList();
        var checking = new TypedTableBuilder(connection, await ParsingFor(connection, request, source, columns, delimiter, cancellationToken), request)
        {
            ReadRejectedRows = rejectLines.Count,
            LineOf = row => LineOf(row, rejectLines),
        };
        checking.ReadRejects.AddRange(raw.Structural.Select(r => new ImportReject(
            Convert.ToInt64(r[0]),
            r[1] is string name && raw.Columns.IndexOf(name) is var index and >= 0 ? columns[index].Name : null,
            (string?)r[3],
            Capitalise((string)r[2]!, (string?)r[4]))));

        var built = await checking.BuildAsync(source, columns, cancellationToken);
        return facts.Result(built, format);
    }

    private static string Dialect(char delimiter) =>
        $"delim = {IngestSql.Literal(delimiter.ToString())}, quote = '\"', escape = '\"'";

    /// <summary>The header decision, the columns with their names and titles, and the records as a source relation.</summary>
    private static (bool HasHeader, List<SourceColumn> Columns, string Source) Layout(ImportRequest request, FileFacts facts, RawRead raw)
    {
        var firstRow = raw.FirstRow ?? throw new IngestException($"'{facts.FileName}' holds no rows.") { FileName = facts.FileName };
        var hasHeader = request.HasHeader ?? LooksLikeHeader(firstRow);
        var titles = hasHeader ? firstRow.Select(v => (string?)v ?? "").ToList() : raw.Columns.Select((_, i) => $"column_{i + 1}").ToList();
        var names = ColumnNames.Normalise(titles);
        var columns = raw.Columns.Select((c, i) => new SourceColumn(IngestSql.Identifier(c), names[i], titles[i], null)).ToList();
        return (hasHeader, columns, $"(SELECT rowid AS __row, * FROM {raw.Table} WHERE rowid >= {(hasHeader ? 1 : 0)}) AS source");
    }

    /// <summary>
    /// The file (or its first rows) read by DuckDB into a temp table, every value as text, the header as an
    /// ordinary row so its text reaches the titles unchanged, with the lines of the wrong shape as rejects.
    /// </summary>
    private sealed class RawRead(DuckDBConnection connection, string table, string rejectsTable, string rejectsScan) : IAsyncDisposable
    {
        public string Table => table;

        public List<string> Columns { get; private set; } = [];

        /// <summary>Rejected lines: line, column name, error type, raw line, message.</summary>
        public List<object?[]> Structural { get; private set; } = [];

        public object?[]? FirstRow { get; private set; }

        public static async Task<RawRead> ReadAsync(
            DuckDBConnection connection, string path, char delimiter, int? rowLimit, CancellationToken cancellationToken)
        {
            var (rejectsTable, rejectsScan) = (IngestSql.NewTableName("rejects"), IngestSql.NewTableName("scan"));
            var read = new RawRead(connection, IngestSql.NewTableName("raw"), rejectsTable, rejectsScan);
            try
            {
                await IngestSql.ExecuteAsync(connection,
                    $"CREATE TEMP TABLE {read.Table} AS SELECT * FROM read_csv({IngestSql.Literal(path)}, {Dialect(delimiter)}, " +
                    $"header = false, all_varchar = true, store_rejects = true, rejects_table = '{rejectsTable}', rejects_scan = '{rejectsScan}')" +
                    (rowLimit is { } limit ? $" LIMIT {limit}" : ""),
                    cancellationToken);
                read.Columns = (await IngestSql.DescribeAsync(connection, $"SELECT * FROM {read.Table}", cancellationToken)).Select(c => c.Name).ToList();
                read.Structural = await IngestSql.RowsAsync(connection,
                    $"SELECT line, column_name, CAST(error_type AS VARCHAR), csv_line, error_message FROM {rejectsTable} ORDER BY line, column_idx",
                    cancellationToken);
                read.FirstRow = (await IngestSql.RowsAsync(connection, $"SELECT * FROM {read.Table} WHERE rowid = 0", cancellationToken)).FirstOrDefault();
                return read;
            }
            catch
            {
                await read.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync() =>
            await IngestSql.ExecuteAsync(connection,
                $"DROP TABLE IF EXISTS {table}; DROP TABLE IF EXISTS {rejectsTable}; DROP TABLE IF EXISTS {rejectsScan};", CancellationToken.None);
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
