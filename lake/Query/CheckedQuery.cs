namespace OpenData.Lake.Query;

/// <summary>
/// SQL that passed <see cref="QuerySession.Check"/>: one SELECT, or an EXPLAIN of one SELECT. Only the check makes
/// these, so nothing unchecked can reach <see cref="QuerySession.ExecuteReaderAsync"/>.
/// </summary>
public sealed class CheckedQuery
{
    internal CheckedQuery(string sql, bool isExplain)
    {
        Sql = sql;
        IsExplain = isExplain;
    }

    /// <summary>The text that runs: the caller's SELECT as written, or "EXPLAIN " and the checked SELECT.</summary>
    public string Sql { get; }

    public bool IsExplain { get; }
}
