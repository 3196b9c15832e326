using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenData.DuckDB.Tests.Types;

/// <summary>
/// Compares what the binding read for a nested value with DuckDB's own <c>to_json(column)</c> from the same query,
/// so that the expected value comes from DuckDB and not from the code under test.
/// </summary>
internal static class DuckDBJsonOracle
{
    public static void AssertSameAsDuckDB(string? duckdbJson, object? bindingValue)
    {
        var expected = duckdbJson is null ? null : JsonNode.Parse(duckdbJson);
        var actual = bindingValue is null or DBNull ? null : JsonSerializer.SerializeToNode(bindingValue);
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"DuckDB's to_json: {expected?.ToJsonString() ?? "NULL"}{Environment.NewLine}read by the binding: {actual?.ToJsonString() ?? "NULL"}");
    }
}
