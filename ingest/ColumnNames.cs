using System.Globalization;
using System.Text;

namespace OpenData.Ingest;

/// <summary>Turns headers into unique snake_case identifiers: <c>Cost Total $</c> becomes <c>cost_total</c>.</summary>
internal static class ColumnNames
{
    public static List<string> Normalise(IReadOnlyList<string?> headers)
    {
        var names = new List<string>(headers.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = SnakeCase(headers[i]);
            if (name.Length == 0)
            {
                name = $"column_{i + 1}";
            }
            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }
            names.Add(unique);
        }
        return names;
    }

    public static string SnakeCase(string? header)
    {
        // ß has no decomposition: spell it as German does without it.
        var text = (header ?? "").Replace("ß", "ss").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(text.Length + 4);
        var previous = UnicodeCategory.SpaceSeparator;
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue; // é → e: accents dropped, letters kept
            }
            if (char.IsLetterOrDigit(c))
            {
                // camelCase boundary: "TotalReceipts" → total_receipts
                if (char.IsUpper(c) && previous is UnicodeCategory.LowercaseLetter or UnicodeCategory.DecimalDigitNumber)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
            previous = category;
        }
        var name = builder.ToString().Trim('_');
        // An identifier must not start with a digit.
        return name.Length > 0 && char.IsDigit(name[0]) ? "c_" + name : name;
    }
}
