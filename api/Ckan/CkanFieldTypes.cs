namespace OpenData.Api;

/// <summary>DuckDB's column types as the DataStore's (PostgreSQL's) names, which CKAN clients switch on.</summary>
public static class CkanFieldTypes
{
    public static string Of(string duckDbType)
    {
        var type = duckDbType.ToUpperInvariant();
        var bare = type.Split('(')[0].Trim();
        return bare switch
        {
            _ when type.EndsWith("[]", StringComparison.Ordinal) || bare is "LIST" or "STRUCT" or "MAP" or "UNION" or "ARRAY" or "JSON" => "json",
            "BOOLEAN" => "bool",
            "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT" => "int",
            "DECIMAL" => "numeric",
            "FLOAT" or "DOUBLE" => "float",
            "DATE" => "date",
            "TIME" => "time",
            "TIMESTAMP WITH TIME ZONE" => "timestamptz",
            _ when bare.StartsWith("TIMESTAMP", StringComparison.Ordinal) => "timestamp",
            "INTERVAL" => "interval",
            "BLOB" => "bytea",
            _ => "text",
        };
    }
}
