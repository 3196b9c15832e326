namespace OpenData.Lake.Query;

/// <summary>The little of DuckDB's lexer the check needs: where the first token of a statement starts.</summary>
internal static class SqlText
{
    /// <summary>
    /// The index of the first character at or after <paramref name="start"/> that is neither white space nor inside
    /// a comment (<c>-- …</c> to the end of the line, <c>/* … */</c> nested as PostgreSQL's lexer nests them), or -1
    /// when a block comment does not end.
    /// </summary>
    public static int SkipSpaceAndComments(string sql, int start)
    {
        var i = start;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (sql.AsSpan(i).StartsWith("--"))
            {
                var newline = sql.IndexOf('\n', i);
                i = newline < 0 ? sql.Length : newline + 1;
            }
            else if (sql.AsSpan(i).StartsWith("/*"))
            {
                var depth = 0;
                do
                {
                    if (i + 1 >= sql.Length)
                    {
                        return -1;
                    }
                    if (sql[i] == '/' && sql[i + 1] == '*')
                    {
                        depth++;
                        i += 2;
                    }
                    else if (sql[i] == '*' && sql[i + 1] == '/')
                    {
                        depth--;
                        i += 2;
                    }
                    else
                    {
                        i++;
                    }
                }
                while (depth > 0);
            }
            else
            {
                break;
            }
        }
        return i;
    }
}
