using OpenData.DuckDB.Native;
using static OpenData.DuckDB.Native.NativeMethods;

namespace OpenData.DuckDB.Writing;

/// <summary>Binds values to the parameters of a prepared statement (1-based indexes).</summary>
internal sealed unsafe class ParameterSink(PreparedStatementHandle statement) : ValueSink
{
    public ulong Index { get; set; }

    public override void WriteNull() => Check(PreparedStatement.BindNull(statement, Index));
    public override void WriteBoolean(bool value) => Check(PreparedStatement.BindBoolean(statement, Index, value));
    public override void WriteInt8(sbyte value) => Check(PreparedStatement.BindInt8(statement, Index, value));
    public override void WriteInt16(short value) => Check(PreparedStatement.BindInt16(statement, Index, value));
    public override void WriteInt32(int value) => Check(PreparedStatement.BindInt32(statement, Index, value));
    public override void WriteInt64(long value) => Check(PreparedStatement.BindInt64(statement, Index, value));
    public override void WriteUInt8(byte value) => Check(PreparedStatement.BindUInt8(statement, Index, value));
    public override void WriteUInt16(ushort value) => Check(PreparedStatement.BindUInt16(statement, Index, value));
    public override void WriteUInt32(uint value) => Check(PreparedStatement.BindUInt32(statement, Index, value));
    public override void WriteUInt64(ulong value) => Check(PreparedStatement.BindUInt64(statement, Index, value));
    public override void WriteHugeInt(Int128 value) => Check(PreparedStatement.BindHugeInt(statement, Index, new DuckDBHugeInt(value)));
    public override void WriteUHugeInt(UInt128 value) => Check(PreparedStatement.BindUHugeInt(statement, Index, new DuckDBUHugeInt(value)));
    public override void WriteFloat(float value) => Check(PreparedStatement.BindFloat(statement, Index, value));
    public override void WriteDouble(double value) => Check(PreparedStatement.BindDouble(statement, Index, value));
    public override void WriteDate(int daysSinceEpoch) => Check(PreparedStatement.BindDate(statement, Index, daysSinceEpoch));
    public override void WriteTime(long microsSinceMidnight) => Check(PreparedStatement.BindTime(statement, Index, microsSinceMidnight));
    public override void WriteTimestamp(long microsSinceEpoch) => Check(PreparedStatement.BindTimestamp(statement, Index, microsSinceEpoch));
    public override void WriteInterval(DuckDBIntervalT value) => Check(PreparedStatement.BindInterval(statement, Index, value));

    public override void WriteValue(ValueHandle value)
    {
        using (value)
        {
            Check(PreparedStatement.BindValue(statement, Index, value));
        }
    }

    public override void WriteVarchar(ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8)
        {
            Check(PreparedStatement.BindVarcharLength(statement, Index, text, (ulong)utf8.Length));
        }
    }

    public override void WriteBlob(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* data = bytes)
        {
            Check(PreparedStatement.BindBlob(statement, Index, data, (ulong)bytes.Length));
        }
    }

    private void Check(DuckDBState state)
    {
        if (state != DuckDBState.Success)
        {
            throw new DuckDBException(string.Format(DuckDBStrings.ParameterBindFailed, Index, PreparedStatement.PrepareError(statement)), DuckDBErrorType.InvalidInput);
        }
    }
}
