using OpenData.DuckDB.Native;
using static OpenData.DuckDB.Native.NativeMethods;

namespace OpenData.DuckDB.Writing;

/// <summary>Turns one .NET value into a duckdb_value (for list elements).</summary>
internal sealed unsafe class ValueHandleSink : ValueSink
{
    private ValueHandle? _result;

    public ValueHandle Result => _result ?? throw new InvalidOperationException("No value was written.");

    public override void WriteNull() => _result = Value.CreateNull();
    public override void WriteBoolean(bool value) => _result = Value.CreateBool(value);
    public override void WriteInt8(sbyte value) => _result = Value.CreateInt8(value);
    public override void WriteInt16(short value) => _result = Value.CreateInt16(value);
    public override void WriteInt32(int value) => _result = Value.CreateInt32(value);
    public override void WriteInt64(long value) => _result = Value.CreateInt64(value);
    public override void WriteUInt8(byte value) => _result = Value.CreateUInt8(value);
    public override void WriteUInt16(ushort value) => _result = Value.CreateUInt16(value);
    public override void WriteUInt32(uint value) => _result = Value.CreateUInt32(value);
    public override void WriteUInt64(ulong value) => _result = Value.CreateUInt64(value);
    public override void WriteHugeInt(Int128 value) => _result = Value.CreateHugeInt(new DuckDBHugeInt(value));
    public override void WriteUHugeInt(UInt128 value) => _result = Value.CreateUHugeInt(new DuckDBUHugeInt(value));
    public override void WriteFloat(float value) => _result = Value.CreateFloat(value);
    public override void WriteDouble(double value) => _result = Value.CreateDouble(value);
    public override void WriteDate(int daysSinceEpoch) => _result = Value.CreateDate(daysSinceEpoch);
    public override void WriteTime(long microsSinceMidnight) => _result = Value.CreateTime(microsSinceMidnight);
    public override void WriteTimestamp(long microsSinceEpoch) => _result = Value.CreateTimestamp(microsSinceEpoch);
    public override void WriteInterval(DuckDBIntervalT value) => _result = Value.CreateInterval(value);
    public override void WriteValue(ValueHandle value) => _result = value;

    public override void WriteVarchar(ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8)
        {
            _result = Value.CreateVarcharLength(text, (ulong)utf8.Length);
        }
    }

    public override void WriteBlob(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* data = bytes)
        {
            _result = Value.CreateBlob(data, (ulong)bytes.Length);
        }
    }
}
