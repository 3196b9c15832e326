using OpenData.Catalog;

namespace OpenData.Ingest;

/// <summary>
/// A file imported into the DuckDB temp table <see cref="TableName"/> of the connection it was imported on;
/// commit it with <see cref="SourceSql"/> and drop it with <see cref="FileImporter.DropAsync"/>.
/// </summary>
public sealed record ImportResult
{
    public required string TableName { get; init; }

    /// <summary>Rows in the table (rejected rows are not in it).</summary>
    public required long Rows { get; init; }

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

    public string SourceSql => $"SELECT * FROM {TableName}";
}
