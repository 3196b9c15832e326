namespace OpenData.Api;

/// <summary>How the SQL endpoint writes a result.</summary>
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
}
