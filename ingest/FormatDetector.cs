namespace OpenData.Ingest;

/// <summary>Tells the format from the declared one, the file name's extension, or the first bytes.</summary>
internal static class FormatDetector
{
    public static ImportFormat Detect(ImportFormat? declared, string? fileName, ReadOnlySpan<byte> head)
    {
        if (declared is { } format)
        {
            return format;
        }
        var byName = Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ImportFormat.Csv,
            ".tsv" or ".tab" => ImportFormat.Tsv,
            ".json" => ImportFormat.Json,
            ".ndjson" or ".jsonl" => ImportFormat.Ndjson,
            ".parquet" => ImportFormat.Parquet,
            ".xlsx" => ImportFormat.Xlsx,
            _ => (ImportFormat?)null,
        };
        return byName ?? FromContent(head);
    }

    private static ImportFormat FromContent(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PAR1"u8))
        {
            return ImportFormat.Parquet;
        }
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return ImportFormat.Xlsx;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }
        var first = head.IndexOfAnyExcept(" \t\r\n"u8);
        if (first >= 0 && head[first] == (byte)'[')
        {
            return ImportFormat.Json;
        }
        if (first >= 0 && head[first] == (byte)'{')
        {
            return ImportFormat.Ndjson;
        }
        return ImportFormat.Csv;
    }
}
