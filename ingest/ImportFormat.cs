namespace OpenData.Ingest;

/// <summary>The file formats an upload may have.</summary>
public enum ImportFormat
{
    Csv,
    Tsv,

    /// <summary>One JSON array of objects.</summary>
    Json,

    /// <summary>One JSON object per line.</summary>
    Ndjson,
    Parquet,

    /// <summary>Excel 2007+ workbook; the first sheet or <see cref="ImportRequest.SheetName"/>.</summary>
    Xlsx,
}
