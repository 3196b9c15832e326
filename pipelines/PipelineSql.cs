using System.Text.Json;
using System.Text.Json.Nodes;
using OpenData.DuckDB;
using OpenData.Lake.Query;

namespace OpenData.Pipelines;

/// <summary>
/// What a pipeline's SQL reads, and the same SQL pinned to exact snapshots, both from DuckDB's own syntax tree
/// (<see cref="SqlSyntaxTree"/>): inputs are the schema-qualified table references (CTE names have no schema), and
/// pinning renames each to its version view (<c>"transport"."tickets@v3"</c>) in the tree, which DuckDB turns back
/// into SQL (json_deserialize_sql). Parsing binds nothing, so any DuckDB connection will do.
/// </summary>
public static class PipelineSql
{
    // Reading files by path would bypass the catalog: no pinned snapshot, no lineage, no visibility check.
    private static readonly string[] FileReaders = ["read_", "parquet_", "sniff_", "glob"];

    /// <summary>The datasets the SQL reads, each once, in order of appearance.</summary>
    /// <exception cref="PipelineException">Not one SELECT, a file read, a name with a catalog, or no dataset at all.</exception>
    /// <exception cref="DuckDBException">The SQL does not parse.</exception>
    public static IReadOnlyList<DatasetName> FindInputs(DuckDBConnection connection, string sql)
    {
        using var tree = ParseOne(connection, sql);
        var inputs = new List<DatasetName>();
        foreach (var node in SqlSyntaxTree.Nodes(tree.RootElement))
        {
            if (SqlSyntaxTree.Text(node, "type") == "TABLE_FUNCTION"
                && node.TryGetProperty("function", out var function)
                && SqlSyntaxTree.Text(function, "function_name") is { } name
                && FileReaders.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                throw new PipelineException("sql", $"Pipelines read datasets by name, not files: {name}() is not allowed.");
            }
            if (TableReference(node) is { } table)
            {
                if (!inputs.Contains(table))
                {
                    inputs.Add(table);
                }
            }
        }
        return inputs.Count > 0
            ? inputs
            : throw new PipelineException("sql", "The SQL reads no dataset: name one as \"department\".\"dataset\".");
    }

    /// <summary>The SQL with every dataset reference replaced by the view of its pinned version.</summary>
    public static string Pin(DuckDBConnection connection, string sql, IReadOnlyDictionary<DatasetName, int> versions)
    {
        var tree = JsonNode.Parse(SqlSyntaxTree.Serialize(connection, sql), documentOptions: new JsonDocumentOptions { MaxDepth = 4096 })!;
        if (tree["error"]?.GetValue<bool>() != false)
        {
            throw new PipelineException("sql", $"The SQL no longer parses as one SELECT: {tree["error_message"]}");
        }
        foreach (var node in Objects(tree))
        {
            if (Text(node, "type") != "BASE_TABLE" || Text(node, "schema_name") is not { Length: > 0 } schema || Text(node, "table_name") is not { } table)
            {
                continue;
            }
            var name = new DatasetName(schema, table);
            if (!versions.TryGetValue(name, out var version))
            {
                throw new PipelineException("sql", $"No version of {name} was pinned for this run.");
            }
            node["table_name"] = $"{table}@v{version}";
            // Columns qualified by the table's own name ("tickets".district) still resolve once it is renamed.
            if (Text(node, "alias") is null or "")
            {
                node["alias"] = table;
            }
        }
        return SqlSyntaxTree.Deserialize(connection, tree.ToJsonString());
    }

    private static DatasetName? TableReference(JsonElement node)
    {
        if (SqlSyntaxTree.Text(node, "type") != "BASE_TABLE"
            || SqlSyntaxTree.Text(node, "schema_name") is not { Length: > 0 } schema
            || SqlSyntaxTree.Text(node, "table_name") is not { } table)
        {
            return null;
        }
        if (SqlSyntaxTree.Text(node, "catalog_name") is { Length: > 0 })
        {
            throw new PipelineException("sql", $"Name datasets as \"department\".\"dataset\", without a database: {schema}.{table}.");
        }
        if (table.Contains('@'))
        {
            throw new PipelineException("sql", $"{schema}.\"{table}\": a pipeline reads current versions and pins them itself for each run.");
        }
        return new DatasetName(schema, table);
    }

    private static JsonDocument ParseOne(DuckDBConnection connection, string sql)
    {
        if (connection.CountStatements(sql) != 1)
        {
            throw new PipelineException("sql", "The SQL must be exactly one SELECT statement.");
        }
        return SqlSyntaxTree.ParseSelect(connection, sql)
            ?? throw new PipelineException("sql", "Only SELECT statements can define a pipeline.");
    }

    private static string? Text(JsonObject node, string property) =>
        node[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // SqlSyntaxTree.Nodes walks the read-only tree; renaming needs the mutable one.
    private static IEnumerable<JsonObject> Objects(JsonNode root)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(root);
        while (pending.TryPop(out var current))
        {
            if (current is JsonObject obj)
            {
                yield return obj;
                foreach (var (_, child) in obj.ToList())
                {
                    pending.Push(child);
                }
            }
            else if (current is JsonArray array)
            {
                foreach (var item in array)
                {
                    pending.Push(item);
                }
            }
        }
    }
}
