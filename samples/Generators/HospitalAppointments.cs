namespace OpenData.Samples;

/// <summary>
/// Outpatient appointments in Shanghai's public hospitals, booked during 2024: who (<c>patient_name</c>, personal),
/// where, which department, when booked, when seen, the days waited and what happened. Appointments after
/// 2025-01-15 (the sample's "today") are still <c>scheduled</c>.
/// </summary>
public sealed class HospitalAppointments : SampleDataset
{
    private const ulong Seed = 0x4EA1_7400_0002UL;
    private static readonly DateTime BookingStart = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime Today = new(2025, 1, 15, 0, 0, 0, DateTimeKind.Unspecified);

    private static readonly string[] Hospitals =
    [
        "Ruijin Hospital", "Huashan Hospital", "Zhongshan Hospital", "Renji Hospital", "Xinhua Hospital",
        "Shanghai Sixth People's Hospital", "Shanghai Tenth People's Hospital", "Shanghai Children's Medical Center",
        "Shuguang Hospital", "Longhua Hospital", "Pudong New Area People's Hospital", "Minhang District Central Hospital",
    ];

    // Department and its mean wait in days: specialists wait longer than general practice.
    private static readonly (string Name, double MeanWait)[] Departments =
    [
        ("General Practice", 1.5), ("Internal Medicine", 3), ("Cardiology", 9), ("Dermatology", 12),
        ("Ophthalmology", 14), ("Orthopaedics", 10), ("Paediatrics", 2.5), ("Obstetrics and Gynaecology", 6),
        ("Neurology", 11), ("Endocrinology", 8), ("ENT", 7), ("Oncology", 5), ("Psychiatry", 18),
        ("Stomatology", 15), ("Traditional Chinese Medicine", 4),
    ];

    public override string Department => "health";
    public override string DepartmentName => "Health Commission";
    public override string Slug => "hospital-appointments";
    public override string Title => "Hospital appointments";
    public override string Description =>
        "Outpatient appointments booked in Shanghai's public hospitals during 2024: hospital, department, when the " +
        "appointment was booked and when it took place, the days waited, and whether it was completed, cancelled " +
        "or missed. The patient's name is personal data. Synthetic sample data.";
    public override IReadOnlyList<string> Keywords => ["health", "hospitals", "appointments", "waiting times", "outpatients"];
    public override string Theme => "health";
    public override string Access => "internal";
    public override string UpdateFrequency => "weekly";
    public override SampleAggregate Aggregate { get; } = new(
        "appointments-per-hospital-week",
        "Hospital appointments and median wait per hospital and week",
        "How many appointments each hospital had in each week and the median number of days patients waited for " +
        "them; computed from the appointments by a pipeline, with small counts suppressed.",
        """
        SELECT CAST(date_trunc('week', appointment_at) AS DATE) AS week, hospital, count(*) AS appointments,
               median(waiting_days) AS median_wait_days
        FROM "health"."hospital-appointments" GROUP BY ALL
        """,
        "appointments", ["median_wait_days"], ["week", "hospital"],
        new Dictionary<string, string>
        {
            ["week"] = "Monday of the week of the appointments",
            ["appointments"] = "Appointments; empty when fewer than the suppression threshold",
            ["median_wait_days"] = "Median days between booking and appointment",
        });
    public override IReadOnlyList<SampleColumn> Schema { get; } =
    [
        new("appointment_id", "BIGINT", false, "Appointment number"),
        new("patient_name", "VARCHAR", false, "Name of the patient (personal data)"),
        new("hospital", "VARCHAR", false, "Hospital"),
        new("department", "VARCHAR", false, "Clinical department"),
        new("booked_at", "TIMESTAMP", false, "When the appointment was booked"),
        new("appointment_at", "TIMESTAMP", false, "When the appointment takes place"),
        new("waiting_days", "INTEGER", false, "Days between booking and appointment"),
        new("status", "VARCHAR", false, "scheduled, completed, cancelled or no_show"),
    ];
    public override IReadOnlyList<string> PersonalColumns => ["patient_name"];
    public override IReadOnlyList<string> PrimaryKey => ["appointment_id"];
    public override IReadOnlyList<string> SortColumns => ["appointment_at"];

    protected override void WriteRow(ISampleRow fields, long row)
    {
        // Booked on a day of 2024 (leap year: 366 days) between 07:00 and 22:59.
        var bookedAt = BookingStart
            .AddDays(SampleHash.Below(row, 1, Seed, 366))
            .AddMinutes(7 * 60 + SampleHash.Below(row, 2, Seed, 16 * 60));
        var (department, meanWait) = SampleHash.Pick(row, 3, Seed, Departments);
        // Exponential wait, at least the next day, at most 120 days.
        var wait = (int)Math.Min(120, 1 + Math.Floor(-Math.Log(1 - SampleHash.Unit(row, 4, Seed)) * meanWait));
        // Slots every 15 minutes from 08:00 to 16:45.
        var appointmentAt = bookedAt.Date.AddDays(wait).AddMinutes(8 * 60 + 15 * SampleHash.Below(row, 5, Seed, 36));
        var roll = SampleHash.Below(row, 6, Seed, 100);
        var status = appointmentAt >= Today ? (roll < 6 ? "cancelled" : "scheduled")
            : roll < 84 ? "completed"
            : roll < 93 ? "cancelled"
            : "no_show";
        fields.Field(SampleCsv.Number(row))
            .Field(SampleNames.Person(row, 10, Seed))
            .Field(SampleHash.Pick(row, 7, Seed, Hospitals))
            .Field(department)
            .Field(SampleCsv.Timestamp(bookedAt))
            .Field(SampleCsv.Timestamp(appointmentAt))
            .Field(SampleCsv.Number(wait))
            .Field(status)
            .EndRow();
    }
}
