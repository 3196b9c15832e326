namespace OpenData.Catalog;

/// <summary>A check that failed: which, why, and a few offending rows (values as text).</summary>
public sealed record CheckFailure(
    string Check, string Message, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);
