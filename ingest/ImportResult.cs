using OpenData.Catalog;

namespace OpenData.Ingest;

/// <summary>
/// A file imported into the DuckDB temp table <see cref="TableName"/> of the connection it was imported on, or,
/// when <see cref="Unchecked"/>, ready to be read from the file itself; commit it with <see cref="SourceSql"/> and
/// drop it with <see cref="FileImporter.DropAsync"/>.
/// </summary>
public sealed record ImportResult
{
    /// <summary>The temp table holding the rows; null for an unchecked import.</summary>
    public string? TableName { get; init; }

    /// <summary>
    /// True when <see cref="SourceSql"/> reads the file and checks its values as it goes: it fails with a
    /// <c>DuckDBException</c> at a value that does not fit, and <see cref="Rows"/> is unknown until it has run.
    /// </summary>
    public bool Unchecked { get; init; }

    /// <summary>Rows in the table (rejected rows are not in it); null for an unchecked import.</summary>
    public required long? Rows { get; init; }

    /// <summary>Normalised snake_case names, DuckDB types, and the original headers as titles.</summary>
    public required IReadOnlyList<SchemaColumn> Columns { get; init; }

    /// <summary>The rejected rows (at most <see cref="ImportRequest.MaxRejectedRows"/> of them) and why.</summary>
    public required IReadOnlyList<ImportReject> Rejects { get; init; }

    /// <summary>How many rows were rejected; <see cref="Rejects"/> may list several values of one row.</summary>
    public required long RejectedRows { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file as uploaded (before any transcoding).</summary>
    public required string Sha256 { get; init; }

    public required ImportFormat Format { get; init; }

    /// <summary>The encoding the file was read in (<c>utf-8</c> for binary formats).</summary>
    public required string Encoding { get; init; }

    /// <summary>The SELECT that yields the imported rows.</summary>
    public required string SourceSql { get; init; }
}
