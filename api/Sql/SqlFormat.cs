namespace OpenData.Api;

/// <summary>How the SQL endpoint and downloads write a result.</summary>
public enum SqlFormat
{
    Json,
    Csv,
    Ndjson,
    Parquet,
}

public static class SqlFormats
{
    /// <summary>Reads the format parameter; absent means JSON. Only names count, not numbers.</summary>
    public static bool TryParse(string? text, out SqlFormat format)
    {
        format = SqlFormat.Json;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out format) && char.IsLetter(text[0]));
    }

    public static string ContentType(SqlFormat format) => format switch
    {
        SqlFormat.Json => "application/json; charset=utf-8",
        SqlFormat.Csv => "text/csv; charset=utf-8",
        SqlFormat.Ndjson => "application/x-ndjson; charset=utf-8",
        _ => "application/vnd.apache.parquet",
    };

    /// <summary>The file name extension: the format's name in lowercase.</summary>
    public static string Extension(SqlFormat format) => format.ToString().ToLowerInvariant();
}
