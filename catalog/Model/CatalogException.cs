namespace OpenData.Catalog;

/// <summary>
/// The catalog's one exception: a refusal the caller can act on. Storage failures are not wrapped
/// (a <c>SqliteException</c> surfaces unchanged).
/// </summary>
public sealed class CatalogException : Exception
{
    public CatalogException(CatalogErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public CatalogErrorKind Kind { get; }

    /// <summary>For a refused commit: the current version the caller expected (null = none).</summary>
    public int? ExpectedVersion { get; init; }

    /// <summary>For a refused commit: the dataset's actual current version (null = none).</summary>
    public int? ActualVersion { get; init; }

    internal static CatalogException DepartmentNotFound(string department) =>
        new(CatalogErrorKind.NotFound, $"Department '{department}' does not exist.");

    internal static CatalogException DatasetNotFound(string department, string dataset) =>
        new(CatalogErrorKind.NotFound, $"Dataset '{department}/{dataset}' does not exist.");

    internal static CatalogException VersionNotFound(string department, string dataset, int number) =>
        new(CatalogErrorKind.NotFound, $"Dataset '{department}/{dataset}' has no version {number}.");

    internal static CatalogException StaleVersion(string department, string dataset, int? expected, int? actual) =>
        new(CatalogErrorKind.VersionConflict,
            $"Dataset '{department}/{dataset}' is at version {Show(actual)}, not {Show(expected)}: " +
            "another commit came first; read the current version and try again.")
        {
            ExpectedVersion = expected,
            ActualVersion = actual,
        };

    internal static CatalogException OffsetsTaken(string department, string dataset, StreamOffsetRange range, long stored) =>
        new(CatalogErrorKind.StreamOffsetConflict,
            $"Dataset '{department}/{dataset}' already holds {range.Topic}[{range.Partition}] up to offset {stored}, " +
            $"so records from offset {range.From} would be duplicated: read the stored position and consume from there.");

    internal static CatalogException Invalid(string message) => new(CatalogErrorKind.InvalidValue, message);

    private static string Show(int? version) => version is { } v ? v.ToString() : "none";
}
