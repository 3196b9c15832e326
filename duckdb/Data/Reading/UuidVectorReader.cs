using System.Buffers.Binary;

namespace OpenData.DuckDB.Reading;

/// <summary>UUID: a HUGEINT whose top bit DuckDB flips so that UUIDs sort as unsigned 128-bit numbers.</summary>
internal sealed unsafe class UuidVectorReader() : VectorReader(DuckDBType.Uuid, typeof(Guid))
{
    public override string TypeName => "UUID";

    public override Guid GetGuid(ulong row)
    {
        var value = ((Native.DuckDBHugeInt*)Data)[row];
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)value.Upper ^ (1UL << 63));
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], value.Lower);
        return new Guid(bytes, bigEndian: true);
    }

    public override string GetString(ulong row) => GetGuid(row).ToString();

    public override object GetValue(ulong row) => GetGuid(row);
}
