namespace OpenData.Ingest;

/// <summary>
/// The delimiter of a CSV/TSV file, chosen from its first lines: the candidate that splits the most lines into
/// the same number of fields (more than one), ignoring what is inside double quotes. Declared values win.
/// </summary>
internal static class CsvDialect
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static char DetectDelimiter(string sample, ImportFormat format, char? declared)
    {
        if (declared is { } delimiter)
        {
            return delimiter;
        }
        var lines = SplitLines(sample);
        var best = format == ImportFormat.Tsv ? '\t' : ',';
        var bestScore = 0;
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).Where(c => c > 0).ToList();
            if (counts.Count == 0)
            {
                continue;
            }
            // Lines agreeing with the most common field count; the header line counts as one of them.
            var score = counts.GroupBy(c => c).Max(g => g.Count()) * 2 - (lines.Count - counts.Count);
            if (score > bestScore || (score == bestScore && candidate == best))
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static List<string> SplitLines(string sample)
    {
        var lines = sample.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count > 1)
        {
            lines.RemoveAt(lines.Count - 1); // the sample may end mid-line
        }
        return lines.Take(200).ToList();
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }
        return count;
    }
}
