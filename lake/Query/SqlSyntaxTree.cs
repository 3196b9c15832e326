using System.Text.Json;
using OpenData.DuckDB;

namespace OpenData.Lake.Query;

/// <summary>
/// A SELECT's syntax tree as DuckDB's own parser gives it (json_serialize_sql), and the walk over its nodes: how the
/// SQL endpoint finds the functions a query calls and pipelines find the datasets theirs reads, never by searching text.
/// Parsing binds nothing, so it is safe on any connection for any text.
/// </summary>
public static class SqlSyntaxTree
{
    /// <summary>The tree of <paramref name="sql"/>, or null when its statement is not a SELECT (only SELECTs serialize).</summary>
    /// <exception cref="DuckDBException">The SQL does not parse (<see cref="DuckDBErrorType.Parser"/>).</exception>
    public static JsonDocument? ParseSelect(DuckDBConnection connection, string sql)
    {
        var tree = JsonDocument.Parse(Serialize(connection, sql), new JsonDocumentOptions { MaxDepth = 4096 });
        var root = tree.RootElement;
        if (!root.GetProperty("error").GetBoolean())
        {
            return tree;
        }
        using (tree)
        {
            // Only SELECT statements serialize; anything else is "not implemented".
            return root.GetProperty("error_type").GetString() == "not implemented"
                ? null
                : throw new DuckDBException(root.GetProperty("error_message").GetString() ?? "The SQL does not parse.", DuckDBErrorType.Parser);
        }
    }

    /// <summary>json_serialize_sql's answer as it comes: the tree, or <c>{"error": true, …}</c>.</summary>
    public static string Serialize(DuckDBConnection connection, string sql) =>
        Scalar(connection, "SELECT json_serialize_sql(CAST($text AS VARCHAR))", sql);

    /// <summary>SQL text from a (possibly edited) tree, with json_deserialize_sql.</summary>
    public static string Deserialize(DuckDBConnection connection, string tree) =>
        Scalar(connection, "SELECT json_deserialize_sql(CAST($text AS JSON))", tree);

    /// <summary>Every object node of the tree, depth first, the root's included.</summary>
    public static IEnumerable<JsonElement> Nodes(JsonElement element)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(element);
        while (pending.TryPop(out var current))
        {
            if (current.ValueKind == JsonValueKind.Object)
            {
                yield return current;
                foreach (var property in current.EnumerateObject())
                {
                    pending.Push(property.Value);
                }
            }
            else if (current.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in current.EnumerateArray())
                {
                    pending.Push(item);
                }
            }
        }
    }

    /// <summary>A string property of a node, or null.</summary>
    public static string? Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Scalar(DuckDBConnection connection, string sql, string text)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("text", text);
        return (string)command.ExecuteScalar()!;
    }
}
