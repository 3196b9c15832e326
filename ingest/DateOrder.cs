namespace OpenData.Ingest;

/// <summary>How dates such as <c>03/04/2024</c> are read. ISO dates (<c>2024-04-03</c>) are read as such either way.</summary>
public enum DateOrder
{
    /// <summary>Day first: <c>03/04/2024</c> is 3 April.</summary>
    DayMonthYear,

    /// <summary>Month first: <c>03/04/2024</c> is 4 March.</summary>
    MonthDayYear,
}
