namespace OpenData.Lake.Query;

/// <summary>
/// SQL that passed <see cref="QuerySession.Check"/>: one SELECT, or an EXPLAIN of one. Only the check makes
/// these, so nothing unchecked can reach <see cref="QuerySession.ExecuteReaderAsync"/>. Immutable: a sandbox keeps
/// the checks it made by SQL text and hands the same instance to later sessions.
/// </summary>
public sealed class CheckedQuery
{
    private readonly (string Schema, string Table)? _from;

    internal CheckedQuery(string sql, bool isExplain, IReadOnlyList<string>? datasets = null, (string Schema, string Table)? from = null)
    {
        Sql = sql;
        IsExplain = isExplain;
        Datasets = datasets ?? [];
        _from = from;
    }

    /// <summary>
    /// The text that runs: the caller's SELECT inside <c>FROM query('…')</c>, which DuckDB binds only for exactly one
    /// SELECT statement, or "EXPLAIN " and the checked SELECT.
    /// </summary>
    public string Sql { get; }

    public bool IsExplain { get; }

    /// <summary>
    /// The datasets whose views the statement names anywhere (subqueries included), as "department/dataset" in
    /// lowercase, a version view counting for its dataset; files read by path are not among them.
    /// </summary>
    public IReadOnlyList<string> Datasets { get; }

    /// <summary>True when the statement is one plain SELECT (no set operation) whose FROM is exactly this view.</summary>
    public bool ReadsFrom(string schema, string view) =>
        _from is { } from
        && string.Equals(from.Schema, schema, StringComparison.OrdinalIgnoreCase)
        && string.Equals(from.Table, view, StringComparison.OrdinalIgnoreCase);
}
