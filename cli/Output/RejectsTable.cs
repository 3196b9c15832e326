using Spectre.Console;

namespace OpenData.Cli;

/// <summary>The rows of a file that did not fit, as a table on stderr: line, column, value and why.</summary>
public static class RejectsTable
{
    /// <summary>Enough to see what is wrong; the server keeps the whole report.</summary>
    private const int MaxShown = 20;

    /// <param name="rejectedRows">All rows rejected, which may be more than the server listed.</param>
    /// <param name="outcome">What became of the upload, said after the count.</param>
    public static void Write(Terminal terminal, IReadOnlyList<Reject> rejects, long rejectedRows, string outcome)
    {
        terminal.Error.WriteLine($"{rejectedRows} {(rejectedRows == 1 ? "row" : "rows")} rejected. {outcome}");
        var table = new Table().AddColumns("line", "column", "value", "reason");
        foreach (var reject in rejects.Take(MaxShown))
        {
            table.AddRow(
                new Text(reject.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(reject.Column ?? ""),
                new Text(reject.Value ?? ""),
                new Text(reject.Reason));
        }
        terminal.Error.Write(table);
        if (rejects.Count > MaxShown)
        {
            terminal.Error.WriteLine($"… and {rejects.Count - MaxShown} more listed by the server.");
        }
    }
}
