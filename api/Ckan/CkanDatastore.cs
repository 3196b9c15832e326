using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenData.Lake;

namespace OpenData.Api;

/// <summary>
/// datastore_search and datastore_search_sql over a resource's rows: the dataset's current version as the caller's
/// sandbox shows it (public tier, without personal columns, for the public). datastore_search assembles one SELECT
/// from its parameters, with every name checked against the dataset's columns and every value a quoted literal; both
/// then run like a query of the SQL endpoint (<see cref="CkanSql"/>).
/// </summary>
public sealed partial class CkanDatastore(CkanCatalog catalog, CkanSql sql, Caller caller)
{
    /// <summary>CKAN's default ckan.datastore.search.rows_max: clients that page by it get what they get from CKAN.</summary>
    public const int RowsMax = 32_000;

    private const int RowsDefault = 100;

    private const string RowId = "_id";

    public async Task<JsonObject> SearchAsync(CkanParameters parameters, HttpRequest request, CancellationToken cancellationToken)
    {
        // CKAN also takes the resource's id as "id".
        var resourceId = parameters.Required(parameters.Has("id") && !parameters.Has("resource_id") ? "id" : "resource_id");
        var (entry, _) = await catalog.ResourceAsync(resourceId, cancellationToken);
        var columns = DatasetVisibility.Schema(caller, entry.Dataset, entry.Current!.Schema).Select(column => column.Name).ToList();
        string[] all = [RowId, .. columns];
        if (parameters.Bool("distinct", false))
        {
            throw CkanException.Invalid("distinct", "Not supported: every record is distinct by its _id.");
        }
        var format = parameters.String("records_format") ?? "objects";
        if (format is not ("objects" or "lists"))
        {
            throw CkanException.Invalid("records_format", "Must be objects or lists.");
        }
        var limit = Math.Min(parameters.Int("limit", RowsDefault), RowsMax);
        var offset = parameters.Int("offset", 0);
        var fields = parameters.List("fields");
        var filters = parameters.Object("filters");
        var sort = parameters.List("sort");
        var includeTotal = parameters.Bool("include_total", true);

        var conditions = new List<string>();
        conditions.AddRange(Filters(filters, all));
        conditions.AddRange(Search(parameters, columns));
        var view = $"{LakeSql.Identifier(entry.Dataset.Department)}.{LakeSql.Identifier(entry.Dataset.Slug)}";
        // Rows are numbered in the version's own order, as CKAN numbers them as they were loaded.
        var numbered = $"(SELECT row_number() OVER () AS {LakeSql.Identifier(RowId)}, * FROM {view}) AS t";
        var where = conditions.Count == 0 ? "" : "\nWHERE " + string.Join("\n  AND ", conditions);
        var select = fields.Count == 0 ? "*" : LakeSql.Identifiers(fields.Select(field => Column(field, all, "fields")));
        var text = $"SELECT {select}\nFROM {numbered}{where}\nORDER BY {OrderBy(sort, all)}\nLIMIT {limit} OFFSET {offset}";
        var usesRowId = filters?.Any(filter => filter.Key == RowId) == true;
        var count = includeTotal ? $"SELECT count(*) FROM {(usesRowId ? numbered : view)}{where}" : null;
        var rows = await sql.RunAsync(text, limit, format == "lists", count, cancellationToken);

        var result = new JsonObject
        {
            ["include_total"] = includeTotal,
            ["resource_id"] = resourceId,
            ["fields"] = rows.Fields,
            ["records_format"] = format,
            ["records"] = rows.Records,
            ["limit"] = limit,
            ["offset"] = offset,
            ["filters"] = filters?.DeepClone() ?? new JsonObject(),
            ["_links"] = Links(request, offset, limit),
        };
        if (parameters.Has("q"))
        {
            result["q"] = parameters.Node("q");
        }
        if (sort.Count > 0)
        {
            result["sort"] = new JsonArray([.. sort.Select(item => (JsonNode)item)]);
        }
        if (rows.Total is { } total)
        {
            result["total"] = total;
            result["total_was_estimated"] = false;
        }
        return result;
    }

    /// <summary>
    /// Runs one SELECT, in the dialect of the SQL endpoint (DuckDB's), over the views docs/sql.md names; as in CKAN, a
    /// resource may also be named by its id as a quoted table name, which becomes its dataset's view.
    /// </summary>
    public async Task<JsonObject> SearchSqlAsync(CkanParameters parameters, CancellationToken cancellationToken)
    {
        var text = parameters.Required("sql");
        var resolved = new StringBuilder();
        var last = 0;
        foreach (Match match in QuotedId().Matches(text))
        {
            if (await catalog.FindResourceAsync(match.Groups[1].Value, cancellationToken) is ({ } entry, _))
            {
                resolved.Append(text, last, match.Index - last)
                    .Append(LakeSql.Identifier(entry.Dataset.Department)).Append('.').Append(LakeSql.Identifier(entry.Dataset.Slug));
                last = match.Index + match.Length;
            }
        }
        resolved.Append(text, last, text.Length - last);
        var rows = await sql.RunAsync(resolved.ToString(), RowsMax, lists: false, countSql: null, cancellationToken);
        var result = new JsonObject { ["sql"] = text, ["fields"] = rows.Fields, ["records"] = rows.Records };
        if (rows.Truncated)
        {
            // As CKAN: present only when the rows were cut.
            result["records_truncated"] = true;
        }
        return result;
    }

    private static IEnumerable<string> Filters(JsonObject? filters, string[] columns)
    {
        foreach (var (name, value) in filters ?? [])
        {
            var column = LakeSql.Identifier(Column(name, columns, "filters"));
            yield return value switch
            {
                null => $"{column} IS NULL",
                JsonArray values => $"{column} IN ({string.Join(", ", values.Select(item => Literal(item, "filters")))})",
                _ => $"{column} = {Literal(value, "filters")}",
            };
        }
    }

    /// <summary>q: text found in any column (a string), or each field's own text (an object); case-insensitive substrings.</summary>
    private static IEnumerable<string> Search(CkanParameters parameters, IReadOnlyList<string> columns)
    {
        var q = parameters.Node("q");
        if (q is JsonObject || (q is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().TrimStart().StartsWith('{')))
        {
            foreach (var (name, term) in parameters.Object("q")!)
            {
                yield return Contains(Column(name, columns, "q"), Literal(term, "q"));
            }
        }
        else if (parameters.String("q") is { } words && !string.IsNullOrWhiteSpace(words) && columns.Count > 0)
        {
            var literal = LakeSql.Literal(words.Trim());
            yield return "(" + string.Join(" OR ", columns.Select(column => Contains(column, literal))) + ")";
        }
    }

    private static string Contains(string column, string literal) =>
        $"contains(lower(CAST({LakeSql.Identifier(column)} AS VARCHAR)), lower({literal}))";

    private static string OrderBy(IReadOnlyList<string> sort, string[] columns)
    {
        if (sort.Count == 0)
        {
            return LakeSql.Identifier(RowId);
        }
        return string.Join(", ", sort.Select(item =>
        {
            var match = SortItem().Match(item);
            if (!match.Success)
            {
                throw CkanException.Invalid("sort", $"Cannot parse \"{item}\": use \"field\", \"field desc\" or \"field asc nulls last\".");
            }
            var order = LakeSql.Identifier(Column(match.Groups["field"].Value, columns, "sort"));
            if (match.Groups["direction"].Success)
            {
                order += " " + match.Groups["direction"].Value.ToUpperInvariant();
            }
            if (match.Groups["nulls"].Success)
            {
                order += " NULLS " + match.Groups["nulls"].Value.ToUpperInvariant();
            }
            return order;
        }));
    }

    /// <summary>The column as the dataset spells it, or CKAN's Validation Error for a field it does not have.</summary>
    private static string Column(string name, IReadOnlyList<string> columns, string parameter) =>
        columns.FirstOrDefault(column => column == name) ?? throw CkanException.Invalid(parameter, $"field \"{name}\" not in table");

    /// <summary>A value as a quoted literal, which DuckDB casts to the column's type: "80.00" and 80 both match DECIMAL 80.00.</summary>
    private static string Literal(JsonNode? value, string parameter) => value switch
    {
        JsonValue text when text.GetValueKind() == JsonValueKind.String => LakeSql.Literal(text.GetValue<string>()),
        JsonValue scalar when scalar.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False =>
            LakeSql.Literal(scalar.ToJsonString()),
        _ => throw CkanException.Invalid(parameter, "Values must be strings, numbers, booleans or lists of them: range filters are not supported."),
    };

    /// <summary>CKAN's _links: this request without its offset, and with the next page's.</summary>
    private static JsonObject Links(HttpRequest request, int offset, int limit)
    {
        var kept = request.Query.Where(pair => pair.Key != "offset")
            .SelectMany(pair => pair.Value.Select(value => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(value ?? "")}"))
            .ToList();
        var path = $"{request.PathBase}{request.Path}";
        var start = kept.Count == 0 ? path : $"{path}?{string.Join("&", kept)}";
        var next = $"{path}?{string.Join("&", kept.Append("offset=" + (offset + limit).ToString(CultureInfo.InvariantCulture)))}";
        return new JsonObject { ["start"] = start, ["next"] = next };
    }

    [GeneratedRegex("\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedId();

    [GeneratedRegex("""^\s*(?:"(?<field>[^"]+)"|(?<field>\S+))(?:\s+(?<direction>asc|desc))?(?:\s+nulls\s+(?<nulls>first|last))?\s*$""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SortItem();
}
