using OpenData.DuckDB.Native;

namespace OpenData.DuckDB.Writing;

/// <summary>
/// Where a .NET value goes once <see cref="ValueWriter"/> has turned it into DuckDB's representation: a prepared
/// statement's parameter, an appender's next column, or a duckdb_value. Each hook maps onto one C API function.
/// </summary>
internal abstract class ValueSink
{
    public abstract void WriteNull();
    public abstract void WriteBoolean(bool value);
    public abstract void WriteInt8(sbyte value);
    public abstract void WriteInt16(short value);
    public abstract void WriteInt32(int value);
    public abstract void WriteInt64(long value);
    public abstract void WriteUInt8(byte value);
    public abstract void WriteUInt16(ushort value);
    public abstract void WriteUInt32(uint value);
    public abstract void WriteUInt64(ulong value);
    public abstract void WriteHugeInt(Int128 value);
    public abstract void WriteUHugeInt(UInt128 value);
    public abstract void WriteFloat(float value);
    public abstract void WriteDouble(double value);
    public abstract void WriteVarchar(ReadOnlySpan<byte> utf8);
    public abstract void WriteBlob(ReadOnlySpan<byte> bytes);
    public abstract void WriteDate(int daysSinceEpoch);
    public abstract void WriteTime(long microsSinceMidnight);
    public abstract void WriteTimestamp(long microsSinceEpoch);
    public abstract void WriteInterval(DuckDBIntervalT value);

    /// <summary>Writes a value that has no typed function here (DECIMAL, UUID, TIMESTAMPTZ, LIST); takes ownership.</summary>
    public abstract void WriteValue(ValueHandle value);
}
