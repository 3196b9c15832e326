namespace OpenData.Cli.Tests;

/// <summary>Small ticket files: three good rows, and eleven rows of which the last does not fit the fine column.</summary>
public static class Tickets
{
    public const string Header = "id,district,fine";

    public const string Csv = Header + "\n1,huangpu,80.00\n2,jingan,40.50\n3,xuhui,120.00\n";

    /// <summary>Line 12 (counting the header) has 'eighty' where a decimal goes; ten good rows make the column DECIMAL.</summary>
    public static string WithBadFine =>
        Header + "\n" + string.Concat(Enumerable.Range(1, 10).Select(id => $"{id},huangpu,{id}0.00\n")) + "11,jingan,eighty\n";
}
