namespace OpenData.DuckDB.Reading;

/// <summary>INTERVAL: months, days and microseconds kept apart, as DuckDB does (a month has no fixed length).</summary>
internal sealed unsafe class IntervalVectorReader() : VectorReader(DuckDBType.Interval, typeof(DuckDBInterval))
{
    public override string TypeName => "INTERVAL";

    public DuckDBInterval Get(ulong row)
    {
        var value = ((Native.DuckDBIntervalT*)Data)[row];
        return new DuckDBInterval(value.Months, value.Days, value.Micros);
    }

    public override object GetValue(ulong row) => Get(row);

    public override string GetString(ulong row) => Get(row).ToString();

    protected override bool TryGetAs(ulong row, Type target, out object value)
    {
        value = target == typeof(TimeSpan) ? Get(row).ToTimeSpan() : null!;
        return value is not null;
    }
}
