namespace OpenData.DuckDB.Reading;

/// <summary>ENUM: an 8, 16 or 32-bit index into the type's dictionary, read as the member's name.</summary>
internal sealed unsafe class EnumVectorReader(string[] members, DuckDBType storage) : VectorReader(DuckDBType.Enum, typeof(string))
{
    public override string TypeName => "ENUM";

    public override string GetString(ulong row) => members[GetIndex(row)];

    public override long GetInt64(ulong row) => GetIndex(row);

    public override object GetValue(ulong row) => GetString(row);

    private uint GetIndex(ulong row) => storage switch
    {
        DuckDBType.UTinyInt => ((byte*)Data)[row],
        DuckDBType.USmallInt => ((ushort*)Data)[row],
        _ => ((uint*)Data)[row],
    };
}
