namespace OpenData.Catalog;

/// <summary>
/// What one of a dataset's quality checks found on a version: whether it passed and, when it did not, how many rows
/// break it and up to a few of them (values as text). A check that could not run (a column the version lacks) fails
/// with the reason in <see cref="Message"/>.
/// </summary>
public sealed record VersionCheck(
    string Check, bool Passed, string? Message, long FailingRows,
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);
