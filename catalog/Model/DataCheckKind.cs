namespace OpenData.Catalog;

/// <summary>What a <see cref="DataCheck"/> asserts.</summary>
public enum DataCheckKind
{
    NotNull,
    Unique,
    AcceptedValues,
    RowCount,
    Freshness,
    Sql,
}
