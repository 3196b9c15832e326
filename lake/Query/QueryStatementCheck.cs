using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// Decides whether user SQL may run, with DuckDB's own parser on the sandbox connection: exactly one statement, a
/// SELECT or EXPLAIN of one (COPY … TO an allowed folder would still work in the sandbox, so this check is what stops
/// writes), without parameters, calling only the functions <see cref="QueryFunctions"/> allows, found in the
/// statement's syntax tree (json_serialize_sql), not by searching the text. Nothing is bound before the parser has
/// shown a SELECT: binding already acts for some statements (EXPORT DATABASE creates its folder when prepared).
/// A SELECT then runs as <c>FROM query('…')</c>, which DuckDB binds only for exactly one SELECT statement: DuckDB's
/// own statement type is checked again in the statement that runs, without preparing it twice. An EXPLAIN, which
/// cannot be wrapped so, must be an EXPLAIN by its prepared statement type (duckdb_prepared_statement_type).
/// </summary>
internal static class QueryStatementCheck
{
    private const string OneSelect = "the SQL endpoint runs one SELECT statement (or EXPLAIN of one)";

    /// <summary>DuckDB's own schemas and catalogs: the views in them are not datasets.</summary>
    private static readonly HashSet<string> SystemSchemas = new(StringComparer.OrdinalIgnoreCase)
    {
        "information_schema", "pg_catalog", "system", "temp",
    };

    /// <exception cref="QueryRefusedException">The SQL is not one allowed statement.</exception>
    /// <exception cref="DuckDBException">The SQL does not parse, or an EXPLAIN does not bind.</exception>
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

        if (Select(connection, sql) is { } select)
        {
            return select;
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
        if (OneSelectOrNull(connection, explained) is not { } inner
            || connection.GetStatementTypes("EXPLAIN " + explained) is not [DuckDBStatementType.Explain])
        {
            throw new QueryRefusedException(
                $"Only EXPLAIN followed by one SELECT is allowed; EXPLAIN ANALYZE and EXPLAIN options are not: {OneSelect}.");
        }
        return new CheckedQuery("EXPLAIN " + explained, isExplain: true, inner.Datasets);
    }

    /// <summary>
    /// The checked query when the one statement of <paramref name="sql"/> is a SELECT with allowed functions; null
    /// when it is no SELECT. Refuses SELECTs that call what the sandbox does not allow.
    /// </summary>
    private static CheckedQuery? Select(DuckDBConnection connection, string sql)
    {
        using var tree = SqlSyntaxTree.ParseSelect(connection, sql);
        if (tree is null)
        {
            return null;
        }
        var datasets = new List<string>();
        foreach (var node in SqlSyntaxTree.Nodes(tree.RootElement))
        {
            CheckNode(node);
            if (DatasetOf(node) is { } dataset && !datasets.Contains(dataset))
            {
                datasets.Add(dataset);
            }
        }
        return new CheckedQuery($"FROM query({LakeSql.Literal(sql)})", isExplain: false, datasets, From(tree.RootElement));
    }

    private static CheckedQuery? OneSelectOrNull(DuckDBConnection connection, string sql)
    {
        try
        {
            return connection.CountStatements(sql) == 1 ? Select(connection, sql) : null;
        }
        catch (DuckDBException error) when (error.ErrorType == DuckDBErrorType.Parser)
        {
            // "ANALYZE SELECT …" or "(FORMAT json) SELECT …" do not parse on their own.
            return null;
        }
    }

    /// <summary>The view a plain SELECT reads as its only FROM, or null (joins, subqueries, set operations, no FROM).</summary>
    private static (string Schema, string Table)? From(JsonElement root)
    {
        var node = root.GetProperty("statements")[0].GetProperty("node");
        return SqlSyntaxTree.Text(node, "type") == "SELECT_NODE"
            && node.TryGetProperty("from_table", out var from)
            && from.ValueKind == JsonValueKind.Object
            && SqlSyntaxTree.Text(from, "type") == "BASE_TABLE"
            && SqlSyntaxTree.Text(from, "schema_name") is { Length: > 0 } schema
            && SqlSyntaxTree.Text(from, "table_name") is { } table
                ? (schema, table)
                : null;
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

    /// <summary>
    /// "department/dataset" for a table named with its schema; null for other nodes, unqualified names (CTEs) and
    /// DuckDB's own catalog views. The statement binds before it runs, so every name left is a dataset's view.
    /// </summary>
    private static string? DatasetOf(JsonElement node)
    {
        if (SqlSyntaxTree.Text(node, "type") != "BASE_TABLE"
            || SqlSyntaxTree.Text(node, "schema_name") is not { Length: > 0 } schema
            || SqlSyntaxTree.Text(node, "table_name") is not { } table
            || SystemSchemas.Contains(schema)
            || SystemSchemas.Contains(SqlSyntaxTree.Text(node, "catalog_name") ?? ""))
        {
            return null;
        }
        // A version view, "dataset@v3" (QueryViews.VersionView), counts for its dataset.
        var name = table.ToLowerInvariant();
        var version = name.LastIndexOf("@v", StringComparison.Ordinal);
        if (version > 0 && name.Length > version + 2 && name[(version + 2)..].All(char.IsAsciiDigit))
        {
            name = name[..version];
        }
        return schema.ToLowerInvariant() + "/" + name;
    }

    private static void CheckNode(JsonElement node)
    {
        if (SqlSyntaxTree.Text(node, "class") == "PARAMETER")
        {
            throw new QueryRefusedException("Parameters ($1, ?, $name) are not supported: write the values into the SQL.");
        }
        if (SqlSyntaxTree.Text(node, "type") == "TABLE_FUNCTION"
            && node.TryGetProperty("function", out var function)
            && SqlSyntaxTree.Text(function, "function_name") is { } table
            && !QueryFunctions.AllowedTableFunctions.Contains(table))
        {
            throw new QueryRefusedException($"The table function {table}() is not available in the SQL endpoint.");
        }
        if (SqlSyntaxTree.Text(node, "class") == "FUNCTION"
            && SqlSyntaxTree.Text(node, "function_name") is { } scalar
            && QueryFunctions.RefusedScalarFunctions.Contains(scalar))
        {
            throw new QueryRefusedException($"The function {scalar}() is not available in the SQL endpoint.");
        }
    }
}
