namespace OpenData.Samples;

/// <summary>
/// Traffic tickets with the columns of ../../../shared/bench/tickets.sql (ticket_id, issued_at, district,
/// violation_code, fine_yuan, plate, officer_id, paid, paid_at, lat, lon); <c>plate</c> (沪A12345) is personal.
/// The values follow the same rules (two years from 2023, 70% paid within 60 days, Shanghai's bounding box) but
/// come from <see cref="SampleHash"/>, not DuckDB's hash(), so they are not the benchmark's bytes.
/// </summary>
public sealed class TrafficTickets : SampleDataset
{
    private const ulong Seed = 0x7A11_C0DE_0001UL;
    private static readonly DateTime Start = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    // Mostly Shanghai plates, some from neighbouring and far provinces (the weights of tickets.sql).
    private static readonly string[] Provinces = ["沪", "沪", "沪", "沪", "沪", "沪", "苏", "浙", "皖", "京", "粤", "鲁", "豫", "赣", "闽", "川"];

    // Fines by kind of offence, in yuan: parking, speeding, red light, phone, seat belt, …
    private static readonly decimal[] Fines = [50m, 100m, 150m, 200m, 200m, 100m, 500m, 1000m, 200m, 2000m];

    public override string Department => "transport";
    public override string DepartmentName => "Department of Transport";
    public override string Slug => "traffic-tickets";
    public override string Title => "Traffic tickets";
    public override string Description =>
        "Every traffic ticket issued by the police in Shanghai's sixteen districts since 2023: when and where, the " +
        "violation code, the fine in yuan, the officer, and whether and when it was paid. The vehicle's plate is " +
        "personal data and is left out of the public projection. Synthetic sample data.";
    public override IReadOnlyList<string> Keywords => ["traffic", "tickets", "fines", "police", "transport"];
    public override string Theme => "transport";
    public override string Access => "public";
    public override string UpdateFrequency => "daily";
    public override IReadOnlyList<SampleColumn> Schema { get; } =
    [
        new("ticket_id", "BIGINT", false, "Ticket number"),
        new("issued_at", "TIMESTAMP", false, "When the ticket was issued (Shanghai time)"),
        new("district", "VARCHAR", false, "District where the offence took place"),
        new("violation_code", "INTEGER", false, "Code of the traffic violation"),
        new("fine_yuan", "DECIMAL(10,2)", false, "Fine in yuan"),
        new("plate", "VARCHAR", false, "Registration plate of the vehicle (personal data)"),
        new("officer_id", "VARCHAR", false, "Badge number of the issuing officer"),
        new("paid", "BOOLEAN", false, "Whether the fine has been paid"),
        new("paid_at", "TIMESTAMP", true, "When the fine was paid; empty while unpaid"),
        new("lat", "DOUBLE", false, "Latitude (WGS 84)"),
        new("lon", "DOUBLE", false, "Longitude (WGS 84)"),
    ];
    public override IReadOnlyList<string> PersonalColumns => ["plate"];
    public override IReadOnlyList<string> PrimaryKey => ["ticket_id"];
    public override IReadOnlyList<string> SortColumns => ["issued_at"];
    public override SampleAggregate Aggregate { get; } = new(
        "tickets-per-district-day",
        "Traffic tickets per district and day",
        "How many traffic tickets were issued in each district on each day, their fines and how many are paid; " +
        "computed from the tickets by a pipeline, with small counts suppressed.",
        """
        SELECT CAST(issued_at AS DATE) AS day, district, count(*) AS tickets, sum(fine_yuan) AS fines_yuan,
               count(*) FILTER (WHERE paid) AS paid_tickets
        FROM "transport"."traffic-tickets" GROUP BY ALL
        """,
        "tickets", ["fines_yuan", "paid_tickets"], ["day", "district"],
        new Dictionary<string, string>
        {
            ["day"] = "Day the tickets were issued (Shanghai time)",
            ["tickets"] = "Tickets issued; empty when fewer than the suppression threshold",
            ["fines_yuan"] = "Sum of their fines in yuan",
            ["paid_tickets"] = "How many of them are paid",
        });

    protected override void WriteRow(ISampleRow fields, long row)
    {
        var issuedAt = Start.AddSeconds(SampleHash.Below(row, 1, Seed, 63_158_400));
        var violation = 1000 + SampleHash.Below(row, 3, Seed, 120);
        var fine = Fines[violation % Fines.Length];
        var plate = SampleHash.Pick(row, 5, Seed, Provinces)
            + (char)('A' + SampleHash.Below(row, 6, Seed, 26))
            + SampleHash.Below(row, 7, Seed, 100_000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        var paid = SampleHash.Below(row, 8, Seed, 100) < 70;
        DateTime? paidAt = paid ? issuedAt.AddSeconds(SampleHash.Below(row, 10, Seed, 5_184_000)) : null;
        fields.Field(SampleCsv.Number(row))
            .Field(SampleCsv.Timestamp(issuedAt))
            .Field(SampleHash.Pick(row, 2, Seed, Districts))
            .Field(SampleCsv.Number(violation))
            .Field(SampleCsv.Money(fine))
            .Field(plate)
            .Field("SH" + SampleHash.Below(row, 9, Seed, 4000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture))
            .Field(SampleCsv.Boolean(paid))
            .Field(paidAt is { } at ? SampleCsv.Timestamp(at) : null)
            .Field(SampleCsv.Coordinate(30.70 + SampleHash.Unit(row, 11, Seed) * 1.20))
            .Field(SampleCsv.Coordinate(120.85 + SampleHash.Unit(row, 12, Seed) * 1.15))
            .EndRow();
    }
}
