using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>
/// Reads a JSON array of objects or NDJSON with DuckDB's <c>read_json</c>, sampling every record. Nested objects
/// and lists keep DuckDB's STRUCT and LIST types; top-level scalars are read as their JSON text and typed like
/// CSV values, so integers stay exact and decimals stay DECIMAL instead of DuckDB's DOUBLE. A field mixing
/// numbers and strings (DuckDB's JSON type) is typed the same way, so a stray string is a reject, not a reason for text.
/// </summary>
internal static class JsonSource
{
    public static async Task<ImportResult> ImportAsync(
        DuckDBConnection connection, ImportRequest request, string utf8Path, ImportFormat format, FileFacts facts, CancellationToken cancellationToken)
    {
        var options = $"format = '{(format == ImportFormat.Json ? "array" : "newline_delimited")}', records = true, " +
                      "sample_size = -1, maximum_object_size = 134217728";
        var reader = $"read_json({IngestSql.Literal(utf8Path)}, {options})";
        var described = await IngestSql.DescribeAsync(connection, $"SELECT * FROM {reader}", cancellationToken);
        if (described.Count == 1 && described[0].Name == "json")
        {
            throw new IngestException($"'{facts.FileName}' does not hold JSON objects with named fields.") { FileName = facts.FileName };
        }
        var types = described.Select(d => IsNested(d.Type) ? d.Type : "VARCHAR").ToList();
        var columnTypes = string.Join(", ", described.Select((d, i) => $"{IngestSql.Literal(d.Name)}: {IngestSql.Literal(types[i])}"));
        var raw = IngestSql.NewTableName("raw");
        try
        {
            await IngestSql.ExecuteAsync(connection,
                $"CREATE TEMP TABLE {raw} AS SELECT * FROM read_json({IngestSql.Literal(utf8Path)}, {options}, columns = {{{columnTypes}}})",
                cancellationToken);
            var names = ColumnNames.Normalise(described.Select(d => (string?)d.Name).ToList());
            var columns = described.Select((d, i) => new SourceColumn(
                IngestSql.Identifier(d.Name), names[i], d.Name, IsNested(d.Type) ? d.Type : null)).ToList();
            var parsing = new TextParsing(false, Locales.Parsing(request).DateOrder);
            var builder = new TypedTableBuilder(connection, parsing, request) { LineOf = row => row + 1 };
            var built = await builder.BuildAsync($"(SELECT rowid AS __row, * FROM {raw}) AS source", columns, cancellationToken);
            return facts.Result(built, format);
        }
        finally
        {
            await IngestSql.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {raw}", CancellationToken.None);
        }
    }

    private static bool IsNested(string type) =>
        type.StartsWith("STRUCT", StringComparison.Ordinal) || type.StartsWith("MAP", StringComparison.Ordinal)
        || type.EndsWith(']');
}
