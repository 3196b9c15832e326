using System.Globalization;

namespace OpenData.DuckDB.Reading;

/// <summary>DATE: days since 1970-01-01, with ±infinity at the ends of the int32 range.</summary>
internal sealed unsafe class DateVectorReader() : VectorReader(DuckDBType.Date, typeof(DateOnly))
{
    private const int UnixEpochDayNumber = 719162;

    public override string TypeName => "DATE";

    public DateOnly Get(ulong row)
    {
        var days = (long)((int*)Data)[row] + UnixEpochDayNumber;
        if (days < DateOnly.MinValue.DayNumber || days > DateOnly.MaxValue.DayNumber)
        {
            throw new OverflowException(string.Format(DuckDBStrings.TemporalOutOfRange, TypeName, Describe(((int*)Data)[row]), nameof(DateOnly)));
        }

        return DateOnly.FromDayNumber((int)days);
    }

    public override object GetValue(ulong row) => Get(row);

    public override DateTime GetDateTime(ulong row) => Get(row).ToDateTime(TimeOnly.MinValue);

    public override string GetString(ulong row) => Get(row).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Describe(int days) => days switch
    {
        int.MaxValue => "infinity",
        -int.MaxValue => "-infinity",
        _ => $"{days} days from 1970-01-01",
    };
}
