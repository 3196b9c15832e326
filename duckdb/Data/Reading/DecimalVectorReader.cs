using System.Data.SqlTypes;
using System.Globalization;
using System.Numerics;

namespace OpenData.DuckDB.Reading;

/// <summary>
/// DECIMAL(width, scale), stored as a 16, 32, 64 or 128-bit unscaled integer. Values that System.Decimal cannot
/// hold (more than 28-29 digits) throw on <see cref="GetDecimal"/> and are read exactly as SqlDecimal or text.
/// </summary>
internal sealed unsafe class DecimalVectorReader(byte width, byte scale, DuckDBType storage) : VectorReader(DuckDBType.Decimal, typeof(decimal))
{
    private static readonly Int128 DecimalMantissaLimit = (Int128)1 << 96;

    public override string TypeName => $"DECIMAL({width},{scale})";

    public Int128 GetUnscaled(ulong row) => storage switch
    {
        DuckDBType.SmallInt => ((short*)Data)[row],
        DuckDBType.Integer => ((int*)Data)[row],
        DuckDBType.BigInt => ((long*)Data)[row],
        _ => ((Int128*)Data)[row],
    };

    public override object GetValue(ulong row) => GetDecimal(row);

    public override decimal GetDecimal(ulong row)
    {
        var unscaled = GetUnscaled(row);
        var magnitude = Int128.Abs(unscaled);
        var valueScale = (int)scale;
        while (valueScale > 28 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            valueScale--;
        }

        if (magnitude >= DecimalMantissaLimit || valueScale > 28)
        {
            throw new OverflowException(string.Format(DuckDBStrings.DecimalOutOfRange, TypeName, Format(unscaled)));
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), unscaled < 0, (byte)valueScale);
    }

    public override double GetDouble(ulong row) => (double)GetUnscaled(row) / Math.Pow(10, scale);

    public override long GetInt64(ulong row)
    {
        var whole = decimal.Truncate(GetDecimal(row));
        return whole is >= long.MinValue and <= long.MaxValue
            ? (long)whole
            : throw new OverflowException(string.Format(CultureInfo.InvariantCulture, DuckDBStrings.ValueOutOfRange, TypeName, whole, nameof(Int64)));
    }

    public override string GetString(ulong row) => Format(GetUnscaled(row));

    protected override bool TryGetAs(ulong row, Type target, out object value)
    {
        value = target == typeof(SqlDecimal) ? ToSqlDecimal(GetUnscaled(row)) : null!;
        return value is not null;
    }

    private SqlDecimal ToSqlDecimal(Int128 unscaled)
    {
        var magnitude = (UInt128)Int128.Abs(unscaled);
        return new SqlDecimal(width, scale, unscaled >= 0,
            (int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), (int)(uint)(magnitude >> 96));
    }

    private string Format(Int128 unscaled)
    {
        var digits = BigInteger.Abs((BigInteger)unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var sign = unscaled < 0 ? "-" : "";
        return scale == 0 ? sign + digits : $"{sign}{digits[..^scale]}.{digits[^scale..]}";
    }
}
