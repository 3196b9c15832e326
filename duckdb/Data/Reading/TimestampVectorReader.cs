using System.Globalization;

namespace OpenData.DuckDB.Reading;

/// <summary>
/// TIMESTAMP in seconds, milliseconds, microseconds or nanoseconds since 1970-01-01, and TIMESTAMPTZ (an instant,
/// read as a DateTimeOffset in UTC). Values beyond DateTime's years 1-9999, and ±infinity, throw OverflowException;
/// nanoseconds are truncated to DateTime's 100 ns ticks.
/// </summary>
internal sealed unsafe class TimestampVectorReader : VectorReader
{
    private readonly long _ticksPerUnit;
    private readonly long _unitsPerTick;

    public TimestampVectorReader(DuckDBType type)
        : base(type, type is DuckDBType.TimestampTz or DuckDBType.TimestampTzNs ? typeof(DateTimeOffset) : typeof(DateTime))
    {
        (_ticksPerUnit, _unitsPerTick) = type switch
        {
            DuckDBType.TimestampS => (TimeSpan.TicksPerSecond, 1L),
            DuckDBType.TimestampMs => (TimeSpan.TicksPerMillisecond, 1L),
            DuckDBType.TimestampNs or DuckDBType.TimestampTzNs => (1L, 100L),
            _ => (TimeSpan.TicksPerMicrosecond, 1L),
        };
    }

    public override string TypeName => Type switch
    {
        DuckDBType.TimestampS => "TIMESTAMP_S",
        DuckDBType.TimestampMs => "TIMESTAMP_MS",
        DuckDBType.TimestampNs => "TIMESTAMP_NS",
        DuckDBType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDBType.TimestampTzNs => "TIMESTAMP_TZ_NS",
        _ => "TIMESTAMP",
    };

    private bool IsInstant => ClrType == typeof(DateTimeOffset);

    public override DateTime GetDateTime(ulong row)
    {
        var raw = ((long*)Data)[row];
        var ticks = (Int128)raw * _ticksPerUnit / _unitsPerTick + DateTime.UnixEpoch.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            var described = raw switch { long.MaxValue => "infinity", -long.MaxValue => "-infinity", _ => raw.ToString() };
            throw new OverflowException(string.Format(DuckDBStrings.TemporalOutOfRange, TypeName, described, nameof(DateTime)));
        }

        return new DateTime((long)ticks, IsInstant ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    // Both branches are boxed on their own: a conditional of DateTimeOffset and DateTime would turn every DateTime into a DateTimeOffset.
    public override object GetValue(ulong row) =>
        IsInstant ? new DateTimeOffset(GetDateTime(row)) : (object)GetDateTime(row);

    public override long GetInt64(ulong row) => ((long*)Data)[row];

    public override string GetString(ulong row) => IsInstant
        ? new DateTimeOffset(GetDateTime(row)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
        : GetDateTime(row).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    protected override bool TryGetAs(ulong row, Type target, out object value)
    {
        value = target == typeof(DateTimeOffset) ? new DateTimeOffset(GetDateTime(row), TimeSpan.Zero) : null!;
        return value is not null;
    }
}
