namespace OpenData.DuckDB;

/// <summary>
/// DuckDB's INTERVAL: months, days and microseconds, kept apart because months and days have no fixed length.
/// </summary>
public readonly record struct DuckDBInterval(int Months, int Days, long Micros)
{
    /// <summary>An interval of whole days and microseconds.</summary>
    public static DuckDBInterval FromTimeSpan(TimeSpan value) =>
        new(0, value.Days, (value.Ticks % TimeSpan.TicksPerDay) / TimeSpan.TicksPerMicrosecond);

    /// <summary>The interval as a TimeSpan (a day counts 24 hours); throws when it has months, whose length varies.</summary>
    public TimeSpan ToTimeSpan() => Months == 0
        ? TimeSpan.FromDays(Days) + TimeSpan.FromMicroseconds(Micros)
        : throw new InvalidCastException($"The interval {this} has months, which have no fixed length; read it as DuckDBInterval.");

    /// <inheritdoc />
    public override string ToString() => $"{Months} months {Days} days {Micros} microseconds";
}
