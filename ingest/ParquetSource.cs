using OpenData.DuckDB;

namespace OpenData.Ingest;

/// <summary>Reads a Parquet file with DuckDB's <c>read_parquet</c>: its types are kept unless a contract casts them.</summary>
internal static class ParquetSource
{
    public static async Task<ImportResult> ImportAsync(
        DuckDBConnection connection, ImportRequest request, FileFacts facts, CancellationToken cancellationToken)
    {
        var reader = $"read_parquet({IngestSql.Literal(request.FilePath)})";
        var described = await IngestSql.DescribeAsync(connection, $"SELECT * FROM {reader}", cancellationToken);
        var names = ColumnNames.Normalise(described.Select(d => (string?)d.Name).ToList());
        var columns = described.Select((d, i) => new SourceColumn(IngestSql.Identifier(d.Name), names[i], d.Name, d.Type)).ToList();
        var source = $"(SELECT file_row_number AS __row, * EXCLUDE (file_row_number) " +
                     $"FROM read_parquet({IngestSql.Literal(request.FilePath)}, file_row_number = true)) AS source";
        var builder = new TypedTableBuilder(connection, new TextParsing(false, null), request) { LineOf = row => row + 1 };
        return facts.Result(await builder.BuildAsync(source, columns, cancellationToken), ImportFormat.Parquet);
    }
}
