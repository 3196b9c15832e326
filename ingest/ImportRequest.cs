using OpenData.Catalog;

namespace OpenData.Ingest;

/// <summary>
/// An uploaded file already on disk (streamed there by the caller) and how to read it. Everything left null is
/// detected from the file.
/// </summary>
public sealed record ImportRequest
{
    /// <summary>The file on disk. Temporary files (a UTF-8 copy of other encodings) are written beside it.</summary>
    public required string FilePath { get; init; }

    /// <summary>The name the file was uploaded under: its extension tells the format when none is given.</summary>
    public string? FileName { get; init; }

    public ImportFormat? Format { get; init; }

    /// <summary>A .NET encoding name such as <c>utf-8</c>, <c>utf-16</c>, <c>gb18030</c>, <c>gbk</c> or <c>latin1</c>.</summary>
    public string? Encoding { get; init; }

    /// <summary>CSV field delimiter; detected among <c>, ; tab |</c> when null.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first CSV row or sheet row holds the column names; detected when null.</summary>
    public bool? HasHeader { get; init; }

    public DateOrder? DateOrder { get; init; }

    /// <summary><c>,</c> or <c>.</c>; when null, taken from <see cref="Locale"/> or detected.</summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>A culture name such as <c>de-DE</c>: its decimal separator and date order apply unless declared.</summary>
    public string? Locale { get; init; }

    /// <summary>The xlsx sheet to read; the first sheet when null.</summary>
    public string? SheetName { get; init; }

    /// <summary>The dataset's schema contract: matching columns are cast to its types and misfits are rejects.</summary>
    public IReadOnlyList<ContractColumn>? Contract { get; init; }

    /// <summary>The file's SHA-256 (lowercase hex) when the caller computed it while receiving the file; else it is hashed here.</summary>
    public string? Sha256 { get; init; }

    /// <summary>How many rejected rows are tolerated (and left out) before the import fails.</summary>
    public int MaxRejectedRows { get; init; }

    /// <summary>
    /// Whether a CSV/TSV file may be imported without checking its values ahead: the result is then
    /// <see cref="ImportResult.Unchecked"/>, a SELECT over the file that fails with a <c>DuckDBException</c> at the
    /// first value that does not fit; the caller then imports again with this off, which reports every reject.
    /// Other formats are always checked.
    /// </summary>
    public bool Unchecked { get; init; }
}
