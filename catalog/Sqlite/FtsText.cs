using System.Text;

namespace OpenData.Catalog;

/// <summary>
/// Prepares text for the FTS5 index and turns free text into a safe FTS5 query.
/// FTS5's unicode61 tokenizer keeps a run of Chinese or Japanese characters as one token, so "违章" would not
/// be found in "交通违章罚单". Indexing each such character as its own token, and searching for a phrase of
/// them, finds any CJK substring while Latin words keep word and prefix matching.
/// </summary>
internal static class FtsText
{
    public static string ForIndex(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                builder.Append(' ').Append(c).Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Each whitespace-separated word becomes a quoted phrase with a prefix star; words are ANDed.
    /// Quoting means no user text is read as FTS5 syntax (AND, NEAR, column filters, stray quotes).
    /// Returns null when the text has nothing to search for.
    /// </summary>
    public static string? ToMatchQuery(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var phrases = new List<string>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!word.Any(char.IsLetterOrDigit))
            {
                continue;
            }
            var phrase = ForIndex(word).Trim().Replace("\"", "\"\"");
            phrases.Add($"\"{phrase}\"*");
        }
        return phrases.Count == 0 ? null : string.Join(' ', phrases);
    }

    // Scripts written without spaces between words: kana and the common CJK ideograph blocks.
    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF'
          or >= '\u3400' and <= '\u4DBF'
          or >= '\u4E00' and <= '\u9FFF'
          or >= '\uF900' and <= '\uFAFF';
}
