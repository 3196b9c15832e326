namespace OpenData.Ingest;

/// <summary>
/// A column of a raw source relation: <see cref="Sql"/> reads it, <see cref="Name"/> and <see cref="Title"/> are
/// its normalised name and original header. A null <see cref="Type"/> means text whose type is to be inferred;
/// otherwise the reader already typed it (JSON structs and lists, Parquet) and it is kept unless a contract says otherwise.
/// </summary>
internal sealed record SourceColumn(string Sql, string Name, string Title, string? Type);
