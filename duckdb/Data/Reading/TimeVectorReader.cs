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
            : throw new OverflowException(string.Format(DuckDBStrings.TemporalOutOfRange, TypeName, time, nameof(TimeOnly)));
    }

    public override object GetValue(ulong row) => Get(row);

    public override string GetString(ulong row) => GetTimeSpan(row).ToString(@"hh\:mm\:ss\.FFFFFFF");

    protected override bool TryGetAs(ulong row, Type target, out object value)
    {
        value = target == typeof(TimeSpan) ? GetTimeSpan(row) : null!;
        return value is not null;
    }
}
