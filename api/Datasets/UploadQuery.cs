using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenData.Catalog;
using OpenData.Ingest;

namespace OpenData.Api;

/// <summary>The query of <c>PUT …/data</c>: how to merge the file and how to read it. Left out, each is detected.</summary>
public sealed record UploadQuery(
    [FromQuery(Name = "mode")] string? Mode,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "encoding")] string? Encoding,
    [FromQuery(Name = "delimiter")] string? Delimiter,
    [FromQuery(Name = "header")] bool? Header,
    [FromQuery(Name = "dateOrder")] string? DateOrder,
    [FromQuery(Name = "decimalSeparator")] string? DecimalSeparator,
    [FromQuery(Name = "locale")] string? Locale,
    [FromQuery(Name = "sheet")] string? Sheet,
    [FromQuery(Name = "maxRejectedRows")] int? MaxRejectedRows)
{
    /// <summary>The commit mode and the import settings (without the file), or a 400 problem naming the bad parameter.</summary>
    public ProblemHttpResult? TryRead(out CommitMode mode, out ImportRequest request)
    {
        mode = CommitMode.Replace;
        request = new ImportRequest { FilePath = "" };
        // Enum.TryParse alone would take "2" as a mode: only names are accepted.
        if (Mode is not null && (!Enum.TryParse(Mode, ignoreCase: true, out mode) || !char.IsLetter(Mode[0])))
        {
            return Problems.Invalid("mode", $"must be replace, append or upsert, not '{Mode}'.");
        }
        char? delimiter = null;
        if (Delimiter is not null)
        {
            delimiter = Delimiter.ToLowerInvariant() switch
            {
                "tab" or "\\t" => '\t',
                { Length: 1 } one => one[0],
                _ => null,
            };
            if (delimiter is null)
            {
                return Problems.Invalid("delimiter", $"must be one character (or 'tab'), not '{Delimiter}'.");
            }
        }
        DateOrder? dateOrder = DateOrder?.ToLowerInvariant() switch
        {
            "dmy" or "daymonthyear" => Ingest.DateOrder.DayMonthYear,
            "mdy" or "monthdayyear" => Ingest.DateOrder.MonthDayYear,
            _ => null,
        };
        if (DateOrder is not null && dateOrder is null)
        {
            return Problems.Invalid("dateOrder", $"must be dmy (day first) or mdy (month first), not '{DateOrder}'.");
        }
        if (DecimalSeparator is not null and not ("," or "."))
        {
            return Problems.Invalid("decimalSeparator", $"must be ',' or '.', not '{DecimalSeparator}'.");
        }
        if (MaxRejectedRows is < 0)
        {
            return Problems.Invalid("maxRejectedRows", $"cannot be negative ({MaxRejectedRows}).");
        }

        request = request with
        {
            Encoding = Encoding,
            Delimiter = delimiter,
            HasHeader = Header,
            DateOrder = dateOrder,
            DecimalSeparator = DecimalSeparator?[0],
            Locale = Locale,
            SheetName = Sheet,
            MaxRejectedRows = MaxRejectedRows ?? 0,
        };
        return null;
    }
}
