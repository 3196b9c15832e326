using System.Globalization;

namespace OpenData.Pipelines;

/// <summary>Quoting for the SQL the engine writes around a pipeline's result: names and text, once.</summary>
internal static class PipelineSqlText
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    public static string ReadParquet(string path) => $"read_parquet({Literal(path)})";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
