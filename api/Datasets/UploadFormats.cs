using Microsoft.Net.Http.Headers;
using OpenData.Ingest;

namespace OpenData.Api;

/// <summary>An upload's format: the <c>format</c> parameter, else its content type, else its file name's extension.</summary>
public static class UploadFormats
{
    public const string Accepted = "csv, tsv, json, ndjson, parquet or xlsx";

    private static readonly Dictionary<string, ImportFormat> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = ImportFormat.Csv,
        ["tsv"] = ImportFormat.Tsv,
        ["json"] = ImportFormat.Json,
        ["ndjson"] = ImportFormat.Ndjson,
        ["jsonl"] = ImportFormat.Ndjson,
        ["parquet"] = ImportFormat.Parquet,
        ["xlsx"] = ImportFormat.Xlsx,
    };

    private static readonly Dictionary<string, ImportFormat> ByMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/csv"] = ImportFormat.Csv,
        ["application/csv"] = ImportFormat.Csv,
        ["text/tab-separated-values"] = ImportFormat.Tsv,
        ["application/json"] = ImportFormat.Json,
        ["application/x-ndjson"] = ImportFormat.Ndjson,
        ["application/ndjson"] = ImportFormat.Ndjson,
        ["application/jsonl"] = ImportFormat.Ndjson,
        ["application/vnd.apache.parquet"] = ImportFormat.Parquet,
        ["application/x-parquet"] = ImportFormat.Parquet,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ImportFormat.Xlsx,
    };

    /// <summary>The format, or null when neither the parameter, the content type nor the file name names one we read.</summary>
    public static ImportFormat? Resolve(string? parameter, string? contentType, string? fileName)
    {
        if (!string.IsNullOrEmpty(parameter))
        {
            // A declared format wins, and an unknown one is not silently replaced by a guess.
            return ByName.TryGetValue(parameter, out var declared) ? declared : null;
        }
        if (MediaTypeHeaderValue.TryParse(contentType, out var media) && ByMediaType.TryGetValue(media.MediaType.Value ?? "", out var byType))
        {
            return byType;
        }
        return ByName.TryGetValue(Path.GetExtension(fileName ?? "").TrimStart('.'), out var byExtension) ? byExtension : null;
    }

    /// <summary>The extension the staged file gets, so that it reads as what it is.</summary>
    public static string Extension(ImportFormat format) => "." + format.ToString().ToLowerInvariant();

    public static string Describe(string? parameter, string? contentType, string? fileName) =>
        !string.IsNullOrEmpty(parameter)
            ? $"The format '{parameter}' is not one this platform reads; use {Accepted}."
            : $"Cannot tell the file's format from its content type '{contentType ?? "none"}' or its name '{fileName ?? "none"}'; "
              + $"send format={Accepted.Replace(" or ", "|").Replace(", ", "|")}, a content type such as text/csv, or a file name with its extension.";
}
