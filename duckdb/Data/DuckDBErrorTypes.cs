namespace OpenData.DuckDB;

/// <summary>
/// Recovers the error type from a message, for the C API calls that return only a message
/// (duckdb_prepare_error, duckdb_pending_error): DuckDB starts each message with its type, e.g. "Binder Error: …".
/// </summary>
internal static class DuckDBErrorTypes
{
    private static readonly Dictionary<string, DuckDBErrorType> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TransactionContext"] = DuckDBErrorType.Transaction,
        ["ExtensionAutoloading"] = DuckDBErrorType.Autoload,
    };

    public static DuckDBErrorType FromMessage(string? message)
    {
        var end = message?.IndexOf(" Error:", StringComparison.Ordinal) ?? -1;
        if (end <= 0)
        {
            return DuckDBErrorType.Invalid;
        }

        var name = message![..end].Replace(" ", "");
        return Aliases.TryGetValue(name, out var alias) ? alias
            : Enum.TryParse<DuckDBErrorType>(name, ignoreCase: true, out var type) ? type
            : DuckDBErrorType.Invalid;
    }
}
