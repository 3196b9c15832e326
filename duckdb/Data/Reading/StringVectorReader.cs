using System.Text;
using OpenData.DuckDB.Native;

namespace OpenData.DuckDB.Reading;

/// <summary>VARCHAR and BLOB: duckdb_string_t entries, inline up to 12 bytes, otherwise a pointer into the vector.</summary>
internal abstract unsafe class StringVectorReader(DuckDBType type, Type clrType) : VectorReader(type, clrType)
{
    public ReadOnlySpan<byte> GetBytes(ulong row)
    {
        var entry = (DuckDBStringT*)Data + row;
        var length = (int)entry->Length;
        return length <= DuckDBStringT.InlineLength
            ? new ReadOnlySpan<byte>(entry->Inlined, length)
            : new ReadOnlySpan<byte>(entry->Pointer, length);
    }
}

internal sealed class VarcharVectorReader() : StringVectorReader(DuckDBType.Varchar, typeof(string))
{
    public override string TypeName => "VARCHAR";

    public override string GetString(ulong row) => Encoding.UTF8.GetString(GetBytes(row));

    public override object GetValue(ulong row) => GetString(row);

    protected override bool TryGetAs(ulong row, Type target, out object value)
    {
        value = target == typeof(char[]) ? GetString(row).ToCharArray() : null!;
        return value is not null;
    }
}

internal sealed class BlobVectorReader() : StringVectorReader(DuckDBType.Blob, typeof(byte[]))
{
    public override string TypeName => "BLOB";

    public override object GetValue(ulong row) => GetBytes(row).ToArray();
}
