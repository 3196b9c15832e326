using System.Globalization;

namespace OpenData.DuckDB.Reading;

/// <summary>TIME (microseconds) and TIME_NS (nanoseconds) since midnight; DuckDB allows 24:00:00, TimeOnly does not.</summary>
internal sealed unsafe class TimeVectorReader(DuckDBType type, long ticksDivisor, long ticksMultiplier) : VectorReader(type, typeof(TimeOnly))
{
    public override string TypeName => Type == DuckDBType.TimeNs ? "TIME_NS" : "TIME";

    public TimeSpan GetTimeSpan(ulong row) => TimeSpan.FromTicks(((long*)Data)[row] * ticksMultiplier / ticksDivisor);

    public TimeOnly Get(ulong row)
    {
        var time = GetTimeSpan(row);
        return time.Ticks < TimeSpan.TicksPerDay
            ? TimeOnly.FromTimeSpan(time)
            : throw new OverflowException(string.Format(DuckDBStrings.TemporalOutOfRange, TypeName, GetString(row), nameof(TimeOnly)));
    }

    public override object GetValue(ulong row) => Get(row);

    /// <summary>HH:MM:SS[.fraction] as DuckDB writes it: 24:00:00 stays 24:00:00 and the fraction has no trailing zeros.</summary>
    public override string GetString(ulong row)
    {
        var unitsPerSecond = TimeSpan.TicksPerSecond * ticksDivisor / ticksMultiplier;
        var seconds = Math.DivRem(((long*)Data)[row], unitsPerSecond, out var fraction);
        var text = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}");
        if (fraction == 0)
        {
            return text;
        }

        var digits = unitsPerSecond.ToString(CultureInfo.InvariantCulture).Length - 1;
        return text + "." + fraction.ToString("D" + digits, CultureInfo.InvariantCulture).TrimEnd('0');
    }

    protected override bool TryGetAs(ulong row, Type target, out object value)
    {
        value = target == typeof(TimeSpan) ? GetTimeSpan(row) : null!;
        return value is not null;
    }
}
