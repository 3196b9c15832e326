using System.Globalization;
using System.Numerics;

namespace OpenData.DuckDB.Reading;

/// <summary>TINYINT to UHUGEINT, FLOAT and DOUBLE: the vector holds T values, read in place and converted checked.</summary>
internal sealed unsafe class NumericVectorReader<T>(DuckDBType type, string typeName) : VectorReader(type, typeof(T))
    where T : unmanaged, INumber<T>
{
    public override string TypeName => typeName;

    public T Get(ulong row) => ((T*)Data)[row];

    public override object GetValue(ulong row) => Get(row);

    public override bool GetBoolean(ulong row) => Get(row) != T.Zero;

    public override byte GetByte(ulong row) => Checked<byte>(row);

    public override short GetInt16(ulong row) => Checked<short>(row);

    public override int GetInt32(ulong row) => Checked<int>(row);

    public override long GetInt64(ulong row) => Checked<long>(row);

    public override float GetFloat(ulong row) => float.CreateChecked(Get(row));

    public override double GetDouble(ulong row) => double.CreateChecked(Get(row));

    public override decimal GetDecimal(ulong row) => Checked<decimal>(row);

    public override string GetString(ulong row) => Get(row).ToString(null, CultureInfo.InvariantCulture);

    protected override bool TryGetAs(ulong row, Type target, out object value)
    {
        value = System.Type.GetTypeCode(target) switch
        {
            TypeCode.SByte => Checked<sbyte>(row),
            TypeCode.UInt16 => Checked<ushort>(row),
            TypeCode.UInt32 => Checked<uint>(row),
            TypeCode.UInt64 => Checked<ulong>(row),
            _ when target == typeof(Int128) => Checked<Int128>(row),
            _ when target == typeof(UInt128) => Checked<UInt128>(row),
            _ when target == typeof(BigInteger) => Checked<BigInteger>(row),
            _ => null!,
        };
        return value is not null;
    }

    private TTarget Checked<TTarget>(ulong row) where TTarget : INumberBase<TTarget>
    {
        var value = Get(row);
        try
        {
            return TTarget.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new OverflowException(string.Format(DuckDBStrings.ValueOutOfRange, TypeName, value, typeof(TTarget).Name));
        }
    }
}
