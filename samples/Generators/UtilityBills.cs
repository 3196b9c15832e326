namespace OpenData.Samples;

/// <summary>
/// Monthly household electricity bills: one row per account and month of 2024 (row r is account (r-1)/12, month
/// (r-1)%12 + 1). <c>account_id</c> is a ten-digit identifier with leading zeros (text, never a number);
/// <c>account_holder</c> is personal. The amount follows Shanghai's tiered residential tariff.
/// </summary>
public sealed class UtilityBills : SampleDataset
{
    private const ulong Seed = 0xB111_5000_0003UL;

    // Seasonal use: air conditioning in summer, heating in winter.
    private static readonly double[] Season = [1.35, 1.30, 1.00, 0.85, 0.90, 1.10, 1.60, 1.65, 1.20, 0.90, 0.95, 1.20];

    public override string Department => "utilities";
    public override string DepartmentName => "Utilities Bureau";
    public override string Slug => "electricity-bills";
    public override string Title => "Household electricity bills";
    public override string Description =>
        "Monthly electricity bills of households in Shanghai for 2024: account, district, consumption in kWh, " +
        "the amount due under the tiered residential tariff, and whether and when it was paid. The account " +
        "holder is personal data. Synthetic sample data.";
    public override IReadOnlyList<string> Keywords => ["utilities", "electricity", "bills", "energy", "households"];
    public override string Theme => "energy";
    public override string Access => "restricted";
    public override SampleAggregate Aggregate { get; } = new(
        "unpaid-bills-per-district-month",
        "Unpaid electricity bills per district and month",
        "How many electricity bills of each month are unpaid in each district, and the amount they owe; computed " +
        "from the bills by a pipeline, with small counts suppressed.",
        """
        SELECT month, district, count(*) AS unpaid_bills, sum(amount) AS unpaid_yuan
        FROM "utilities"."electricity-bills" WHERE NOT paid GROUP BY ALL
        """,
        "unpaid_bills", ["unpaid_yuan"], ["month", "district"],
        new Dictionary<string, string>
        {
            ["month"] = "First day of the billed month",
            ["unpaid_bills"] = "Unpaid bills; empty when fewer than the suppression threshold",
            ["unpaid_yuan"] = "Amount the unpaid bills owe, in yuan",
        });
    public override IReadOnlyList<SampleColumn> Schema { get; } =
    [
        new("account_id", "VARCHAR", false, "Ten-digit account number, with its leading zeros"),
        new("account_holder", "VARCHAR", false, "Name of the account holder (personal data)"),
        new("district", "VARCHAR", false, "District of the metered address"),
        new("month", "DATE", false, "First day of the billed month"),
        new("kwh", "INTEGER", false, "Electricity used in the month, kWh"),
        new("amount", "DECIMAL(10,2)", false, "Amount due in yuan (tiered tariff)"),
        new("paid", "BOOLEAN", false, "Whether the bill has been paid"),
        new("paid_at", "TIMESTAMP", true, "When the bill was paid; empty while unpaid"),
    ];
    public override IReadOnlyList<string> PersonalColumns => ["account_holder"];
    public override IReadOnlyList<string> PrimaryKey => ["account_id", "month"];
    public override IReadOnlyList<string> SortColumns => ["month"];

    /// <summary>The amount of a month's consumption: 0.617 yuan per kWh up to 260, 0.667 up to 400, 0.917 above.</summary>
    public static decimal Amount(int kwh)
    {
        var amount = Math.Min(kwh, 260) * 0.617m
            + Math.Clamp(kwh - 260, 0, 140) * 0.667m
            + Math.Max(kwh - 400, 0) * 0.917m;
        return Math.Round(amount, 2, MidpointRounding.AwayFromZero);
    }

    protected override void WriteRow(ISampleRow fields, long row)
    {
        var account = (row - 1) / 12;
        var month = (int)((row - 1) % 12) + 1;
        // Per account (hashed on the account, not the row): holder, district, typical use.
        var holder = SampleNames.Person(account, 1, Seed);
        var district = SampleHash.Pick(account, 6, Seed, Districts);
        var baseUse = 80 + SampleHash.Below(account, 7, Seed, 320);
        // Per bill: ±25% around the seasonal use.
        var kwh = (int)Math.Round(baseUse * Season[month - 1] * (0.75 + 0.5 * SampleHash.Unit(row, 8, Seed)));
        var issued = new DateTime(2024, month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
        // Most bills are paid within the month after; December's are partly still open on 2025-01-15.
        var paid = SampleHash.Below(row, 9, Seed, 100) < (month == 12 ? 55 : 94);
        DateTime? paidAt = paid
            ? issued.AddDays(month == 12 ? SampleHash.Below(row, 10, Seed, 14) : SampleHash.Below(row, 10, Seed, 28))
                .AddSeconds(6 * 3600 + SampleHash.Below(row, 11, Seed, 17 * 3600))
            : null;
        fields.Field((10_000 + account).ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
            .Field(holder)
            .Field(district)
            .Field(SampleCsv.Date(new DateOnly(2024, month, 1)))
            .Field(SampleCsv.Number(kwh))
            .Field(SampleCsv.Money(Amount(kwh)))
            .Field(SampleCsv.Boolean(paid))
            .Field(paidAt is { } at ? SampleCsv.Timestamp(at) : null)
            .EndRow();
    }
}
