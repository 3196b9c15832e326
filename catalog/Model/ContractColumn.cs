namespace OpenData.Catalog;

/// <summary>
/// One column of a dataset's schema contract: uploads are cast to <see cref="Type"/> (a DuckDB type name such as
/// <c>DECIMAL(10,2)</c>), and dropping or retyping a contract column is refused.
/// </summary>
public sealed record ContractColumn(string Name, string Type, bool Nullable = true, string? Description = null);
