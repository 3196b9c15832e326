using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenData.Api;

/// <summary>
/// An action's parameters as CKAN reads them: a POST's JSON object (or form fields), else the query string, where a
/// name given once is a string and one given several times a list. Values are read leniently, as CKAN's validators
/// do: "10" and 10 are the same number, and a list may come as a JSON array, a JSON text of one, or "a,b".
/// </summary>
public sealed class CkanParameters(JsonObject values)
{
    /// <summary>Reads the request's parameters; a POST body that is not a JSON object throws <see cref="JsonException"/>.</summary>
    public static async Task<CkanParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            return FromPairs(await request.ReadFormAsync(cancellationToken));
        }
        if (HttpMethods.IsPost(request.Method) && request.ContentLength != 0)
        {
            using var body = new StreamReader(request.Body);
            var text = await body.ReadToEndAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(text))
            {
                return JsonNode.Parse(text) is JsonObject json
                    ? new CkanParameters(json)
                    : throw new JsonException("The request's JSON must be an object of parameters.");
            }
        }
        return FromPairs(request.Query);
    }

    private static CkanParameters FromPairs(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> pairs)
    {
        var json = new JsonObject();
        foreach (var (name, value) in pairs)
        {
            json[name] = value.Count == 1 ? JsonValue.Create(value[0]) : new JsonArray([.. value.Select(item => (JsonNode?)item)]);
        }
        return new CkanParameters(json);
    }

    public bool Has(string name) => values[name] is not null;

    public JsonNode? Node(string name) => values[name]?.DeepClone();

    public string? String(string name) => values[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => throw CkanException.Invalid(name, "Must be a string."),
    };

    /// <summary>The parameter, required to be a non-empty string.</summary>
    public string Required(string name) =>
        String(name) is { } text && !string.IsNullOrWhiteSpace(text) ? text : throw CkanException.Invalid(name, "Missing value");

    public int Int(string name, int fallback, int min = 0)
    {
        var text = String(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw CkanException.Invalid(name, "Invalid integer");
        }
        return number >= min ? number : throw CkanException.Invalid(name, $"Must be a natural number of {min} or more");
    }

    public bool Bool(string name, bool fallback) => String(name)?.Trim().ToLowerInvariant() switch
    {
        null or "" => fallback,
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw CkanException.Invalid(name, "Value must be one of: true, false"),
    };

    /// <summary>A list: a JSON array, the JSON text of one (facet.field=["tags"]), a repeated parameter, or "a,b".</summary>
    public IReadOnlyList<string> List(string name)
    {
        var node = values[name];
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().TrimStart().StartsWith('['))
        {
            node = Parse(name, value.GetValue<string>());
        }
        return node switch
        {
            null => [],
            JsonArray items => items.Select(item => item is JsonValue text && text.GetValueKind() == JsonValueKind.String
                ? text.GetValue<string>()
                : throw CkanException.Invalid(name, "Must be a list of strings")).ToList(),
            JsonValue text when text.GetValueKind() == JsonValueKind.String =>
                text.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => throw CkanException.Invalid(name, "Must be a list of strings"),
        };
    }

    /// <summary>An object, given as one or as its JSON text (filters={"district":"huangpu"} in a query string).</summary>
    public JsonObject? Object(string name) => values[name] switch
    {
        null => null,
        JsonObject json => json,
        JsonValue value when value.GetValueKind() == JsonValueKind.String =>
            Parse(name, value.GetValue<string>()) as JsonObject ?? throw CkanException.Invalid(name, "Must be a JSON object"),
        _ => throw CkanException.Invalid(name, "Must be a JSON object"),
    };

    private static JsonNode? Parse(string name, string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException error)
        {
            throw CkanException.Invalid(name, "Cannot parse JSON: " + error.Message);
        }
    }
}
