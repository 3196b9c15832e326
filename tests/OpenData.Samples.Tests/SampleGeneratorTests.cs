using System.Security.Cryptography;
using System.Text;

namespace OpenData.Samples.Tests;

public sealed class SampleGeneratorTests
{
    public static TheoryData<string> Samples() => [.. SampleDataset.All.Select(sample => sample.Slug)];

    private static SampleDataset Sample(string slug) => SampleDataset.All.Single(sample => sample.Slug == slug);

    private static byte[] Generate(SampleDataset sample, long rows)
    {
        using var stream = new MemoryStream();
        sample.Write(stream, rows);
        return stream.ToArray();
    }

    private static string[][] Parse(byte[] csv)
    {
        // The samples never quote (no commas, quotes or line breaks in values); a quoted field would fail here.
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(csv);
        Assert.DoesNotContain('"', text);
        Assert.EndsWith("\n", text);
        return [.. text.TrimEnd('\n').Split('\n').Select(line => line.Split(','))];
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Same_bytes_on_every_run(string slug)
    {
        var first = Generate(Sample(slug), 20_000);
        var second = Generate(new SampleDataset[] { new TrafficTickets(), new HospitalAppointments(), new UtilityBills() }
            .Single(sample => sample.Slug == slug), 20_000);
        Assert.Equal(SHA256.HashData(first), SHA256.HashData(second));
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_row_does_not_depend_on_the_row_count(string slug)
    {
        var small = Generate(Sample(slug), 100);
        var large = Generate(Sample(slug), 1_000);
        Assert.Equal(small, large.AsSpan(0, small.Length).ToArray());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Has_the_requested_rows_header_and_personal_columns(string slug)
    {
        var sample = Sample(slug);
        foreach (var rows in new[] { 0, 1, 12, 1_234 })
        {
            var lines = Parse(Generate(sample, rows));
            Assert.Equal(rows + 1, lines.Length);
            Assert.Equal(sample.Columns, lines[0]);
            Assert.All(lines, line => Assert.Equal(sample.Columns.Count, line.Length));
        }
        Assert.NotEmpty(sample.PersonalColumns);
        Assert.All(sample.PersonalColumns, column => Assert.Contains(column, sample.Columns));
        Assert.All(sample.PrimaryKey, column => Assert.Contains(column, sample.Columns));
        Assert.All(sample.SortColumns, column => Assert.Contains(column, sample.Columns));

        // Personal values are filled in and vary.
        var data = Parse(Generate(sample, 1_000));
        foreach (var column in sample.PersonalColumns)
        {
            var index = sample.Columns.ToList().IndexOf(column);
            var values = data.Skip(1).Select(line => line[index]).ToList();
            Assert.All(values, value => Assert.False(string.IsNullOrWhiteSpace(value)));
            Assert.True(values.Distinct().Count() > 50, $"{column} has too few distinct values");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Primary_key_is_unique(string slug)
    {
        var sample = Sample(slug);
        var data = Parse(Generate(sample, 5_000));
        var key = sample.PrimaryKey.Select(column => sample.Columns.ToList().IndexOf(column)).ToArray();
        var keys = data.Skip(1).Select(line => string.Join('\u0001', key.Select(i => line[i]))).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Tickets_have_the_columns_of_tickets_sql_and_plates_like_Hu_A12345()
    {
        var sample = new TrafficTickets();
        Assert.Equal(
            ["ticket_id", "issued_at", "district", "violation_code", "fine_yuan", "plate", "officer_id", "paid", "paid_at", "lat", "lon"],
            sample.Columns);
        Assert.Equal(["plate"], sample.PersonalColumns);
        Assert.Equal("public", sample.Access);
        var plates = Parse(Generate(sample, 2_000)).Skip(1).Select(line => line[5]).ToList();
        Assert.All(plates, plate => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}[A-Z]\d{5}$", plate));
        Assert.True(plates.Count(plate => plate.StartsWith('沪')) > plates.Count / 4);
    }

    [Fact]
    public void Appointments_have_Chinese_and_Latin_names_and_consistent_waits()
    {
        var sample = new HospitalAppointments();
        Assert.Equal(["patient_name"], sample.PersonalColumns);
        Assert.NotEqual("public", sample.Access);
        var rows = Parse(Generate(sample, 2_000)).Skip(1).ToList();
        Assert.Contains(rows, row => row[1].Any(c => c >= '\u4e00' && c <= '\u9fff'));
        Assert.Contains(rows, row => row[1].Contains(' ') && row[1].All(c => c < '\u3000'));
        Assert.All(rows, row =>
        {
            var booked = DateTime.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture);
            var appointment = DateTime.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(appointment > booked);
            Assert.Equal((appointment.Date - booked.Date).Days, int.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(row[7], new[] { "scheduled", "completed", "cancelled", "no_show" });
        });
    }

    [Fact]
    public void Bills_keep_leading_zeros_in_account_ids_and_amounts_have_two_decimals()
    {
        var sample = new UtilityBills();
        Assert.Equal(["account_holder"], sample.PersonalColumns);
        Assert.NotEqual("public", sample.Access);
        Assert.Equal("DECIMAL(10,2)", sample.Schema.Single(column => column.Name == "amount").Type);
        var rows = Parse(Generate(sample, 2_400)).Skip(1).ToList();
        Assert.All(rows, row =>
        {
            Assert.Matches("^0[0-9]{9}$", row[0]);
            Assert.Matches(@"^\d+\.\d{2}$", row[5]);
            Assert.Equal(row[6] == "true", row[7].Length > 0);
        });
        Assert.Equal("0000010000", rows[0][0]);
        // Twelve months per account, the holder the same in each.
        Assert.Equal(200, rows.Select(row => row[0]).Distinct().Count());
        Assert.All(rows.GroupBy(row => row[0]), account => Assert.Single(account.Select(row => row[1]).Distinct()));
        Assert.Equal(161.75m, UtilityBills.Amount(262)); // 260 × 0.617 + 2 × 0.667 = 161.754
    }

    [Fact]
    public void Generate_writes_the_file_the_seeder_uploads()
    {
        var folder = Directory.CreateTempSubdirectory("opendata-samples-tests-").FullName;
        try
        {
            foreach (var sample in SampleDataset.All)
            {
                var path = SeedProgram.Generate(sample, folder, 500);
                Assert.Equal(Path.Combine(folder, sample.FileName), path);
                Assert.Equal(Generate(sample, 500), File.ReadAllBytes(path));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
