using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// Decides whether user SQL may run, with DuckDB's own parser on the sandbox connection: exactly one statement, a
/// SELECT or EXPLAIN of one (COPY … TO an allowed folder would still work in the sandbox, so this check is what stops
/// writes), without parameters, calling only the functions <see cref="QueryFunctions"/> allows, found in the
/// statement's syntax tree (json_serialize_sql), not by searching the text. Nothing is bound before the parser has
/// shown a SELECT: binding already acts for some statements (EXPORT DATABASE creates its folder when prepared).
/// Then DuckDB's own statement type (duckdb_prepared_statement_type) must agree.
/// </summary>
internal static class QueryStatementCheck
{
    private const string OneSelect = "the SQL endpoint runs one SELECT statement (or EXPLAIN of one)";

    /// <exception cref="QueryRefusedException">The SQL is not one allowed statement.</exception>
    /// <exception cref="DuckDBException">The SQL does not parse or bind (unknown table or column, …).</exception>
    public static CheckedQuery Check(DuckDBConnection connection, string sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new QueryRefusedException($"The SQL is empty: {OneSelect}.");
        }
        var count = connection.CountStatements(sql);
        if (count != 1)
        {
            throw new QueryRefusedException(count == 0
                ? $"The SQL holds no statement, only comments: {OneSelect}."
                : $"The SQL holds {count} statements: {OneSelect}.");
        }

        if (IsSelect(connection, sql))
        {
            return new CheckedQuery(sql, isExplain: false);
        }
        var (keyword, end) = FirstWord(sql);
        if (keyword != "EXPLAIN")
        {
            throw new QueryRefusedException(keyword is null or "WITH" or "FROM" or "VALUES" or "TABLE" or "SELECT"
                ? $"Only SELECT statements are allowed: {OneSelect}."
                : $"{keyword} statements are not allowed: {OneSelect}.");
        }
        // EXPLAIN ANALYZE runs its statement, whatever it is (EXPLAIN ANALYZE COPY … TO writes the file). So the text
        // after EXPLAIN is checked as a SELECT of its own, and only "EXPLAIN " + that text runs.
        var explained = sql[end..];
        if (!IsOneSelect(connection, explained) || connection.GetStatementTypes("EXPLAIN " + explained) is not [DuckDBStatementType.Explain])
        {
            throw new QueryRefusedException(
                $"Only EXPLAIN followed by one SELECT is allowed; EXPLAIN ANALYZE and EXPLAIN options are not: {OneSelect}.");
        }
        return new CheckedQuery("EXPLAIN " + explained, isExplain: true);
    }

    /// <summary>
    /// True when the one statement of <paramref name="sql"/> is a SELECT with allowed functions; false when it is no
    /// SELECT. Refuses SELECTs that call what the sandbox does not allow.
    /// </summary>
    private static bool IsSelect(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_serialize_sql(CAST($sql AS VARCHAR))";
        command.Parameters.AddWithValue("sql", sql);
        using var tree = JsonDocument.Parse((string)command.ExecuteScalar()!, new JsonDocumentOptions { MaxDepth = 4096 });
        var root = tree.RootElement;
        if (root.GetProperty("error").GetBoolean())
        {
            // Only SELECT statements serialize; anything else is "not implemented".
            return root.GetProperty("error_type").GetString() == "not implemented"
                ? false
                : throw new DuckDBException(root.GetProperty("error_message").GetString() ?? "The SQL does not parse.", DuckDBErrorType.Parser);
        }
        Visit(root);
        return connection.GetStatementTypes(sql) is [DuckDBStatementType.Select]
            ? true
            : throw new QueryRefusedException($"DuckDB does not take this statement for a SELECT: {OneSelect}.");
    }

    private static bool IsOneSelect(DuckDBConnection connection, string sql)
    {
        try
        {
            return connection.CountStatements(sql) == 1 && IsSelect(connection, sql);
        }
        catch (DuckDBException error) when (error.ErrorType == DuckDBErrorType.Parser)
        {
            // "ANALYZE SELECT …" or "(FORMAT json) SELECT …" do not parse on their own.
            return false;
        }
    }

    /// <summary>The statement's first word in capitals (COPY, EXPORT, ATTACH, …) and where it ends.</summary>
    private static (string? Word, int End) FirstWord(string sql)
    {
        var start = SqlText.SkipSpaceAndComments(sql, 0);
        if (start < 0)
        {
            return (null, 0);
        }
        var end = start;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
        {
            end++;
        }
        return (end > start ? sql[start..end].ToUpperInvariant() : null, end);
    }

    private static void Visit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                CheckNode(element);
                foreach (var property in element.EnumerateObject())
                {
                    Visit(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item);
                }
                break;
        }
    }

    private static void CheckNode(JsonElement node)
    {
        if (Text(node, "class") == "PARAMETER")
        {
            throw new QueryRefusedException("Parameters ($1, ?, $name) are not supported: write the values into the SQL.");
        }
        if (Text(node, "type") == "TABLE_FUNCTION"
            && node.TryGetProperty("function", out var function)
            && Text(function, "function_name") is { } table
            && !QueryFunctions.AllowedTableFunctions.Contains(table))
        {
            throw new QueryRefusedException($"The table function {table}() is not available in the SQL endpoint.");
        }
        if (Text(node, "class") == "FUNCTION"
            && Text(node, "function_name") is { } scalar
            && QueryFunctions.RefusedScalarFunctions.Contains(scalar))
        {
            throw new QueryRefusedException($"The function {scalar}() is not available in the SQL endpoint.");
        }
    }

    private static string? Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
