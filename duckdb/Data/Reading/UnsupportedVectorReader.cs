namespace OpenData.DuckDB.Reading;

/// <summary>A type the binding does not read (e.g. BIT, BIGNUM, TIME WITH TIME ZONE, UNION): any access says how to get at it.</summary>
internal sealed class UnsupportedVectorReader(DuckDBType type) : VectorReader(type, typeof(object))
{
    public override string TypeName => Type.ToString().ToUpperInvariant();

    public override object GetValue(ulong row) =>
        throw new NotSupportedException(string.Format(DuckDBStrings.TypeNotSupported, TypeName));
}
