using OpenData.DuckDB.Native;
using static OpenData.DuckDB.Native.NativeMethods;

namespace OpenData.DuckDB.Writing;

/// <summary>Appends values to the current row of an appender, column after column.</summary>
internal sealed unsafe class AppenderSink(AppenderHandle appender) : ValueSink
{
    public override void WriteNull() => Check(Appender.AppendNull(appender));
    public override void WriteBoolean(bool value) => Check(Appender.AppendBool(appender, value));
    public override void WriteInt8(sbyte value) => Check(Appender.AppendInt8(appender, value));
    public override void WriteInt16(short value) => Check(Appender.AppendInt16(appender, value));
    public override void WriteInt32(int value) => Check(Appender.AppendInt32(appender, value));
    public override void WriteInt64(long value) => Check(Appender.AppendInt64(appender, value));
    public override void WriteUInt8(byte value) => Check(Appender.AppendUInt8(appender, value));
    public override void WriteUInt16(ushort value) => Check(Appender.AppendUInt16(appender, value));
    public override void WriteUInt32(uint value) => Check(Appender.AppendUInt32(appender, value));
    public override void WriteUInt64(ulong value) => Check(Appender.AppendUInt64(appender, value));
    public override void WriteHugeInt(Int128 value) => Check(Appender.AppendHugeInt(appender, new DuckDBHugeInt(value)));
    public override void WriteUHugeInt(UInt128 value) => Check(Appender.AppendUHugeInt(appender, new DuckDBUHugeInt(value)));
    public override void WriteFloat(float value) => Check(Appender.AppendFloat(appender, value));
    public override void WriteDouble(double value) => Check(Appender.AppendDouble(appender, value));
    public override void WriteDate(int daysSinceEpoch) => Check(Appender.AppendDate(appender, daysSinceEpoch));
    public override void WriteTime(long microsSinceMidnight) => Check(Appender.AppendTime(appender, microsSinceMidnight));
    public override void WriteTimestamp(long microsSinceEpoch) => Check(Appender.AppendTimestamp(appender, microsSinceEpoch));
    public override void WriteInterval(DuckDBIntervalT value) => Check(Appender.AppendInterval(appender, value));

    public void WriteDefault() => Check(Appender.AppendDefault(appender));

    public override void WriteValue(ValueHandle value)
    {
        using (value)
        {
            Check(Appender.AppendValue(appender, value));
        }
    }

    public override void WriteVarchar(ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8)
        {
            Check(Appender.AppendVarcharLength(appender, text, (ulong)utf8.Length));
        }
    }

    public override void WriteBlob(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* data = bytes)
        {
            Check(Appender.AppendBlob(appender, data, (ulong)bytes.Length));
        }
    }

    public void Check(DuckDBState state)
    {
        if (state != DuckDBState.Success)
        {
            throw new DuckDBException(Appender.AppenderError(appender) ?? DuckDBStrings.AppenderFailed, DuckDBErrorType.InvalidInput);
        }
    }
}
