using System.Text;

namespace OpenData.Cli;

/// <summary>Builds <c>?name=value&amp;…</c> from the parameters that have a value, escaped.</summary>
public static class QueryString
{
    public static string From(params IEnumerable<(string Name, string? Value)> parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return query.ToString();
    }
}
