using System.Text;
using System.Text.Json;

namespace OpenData.Samples.Tests;

/// <summary>The JSON records the producer streams: the CSV rows' values, typed by the schema.</summary>
public sealed class SampleJsonTests
{
    public static TheoryData<string> Samples() => [.. SampleDataset.All.Select(sample => sample.Slug)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_record_is_the_csv_row_as_one_typed_json_object(string slug)
    {
        var sample = SampleDataset.All.Single(s => s.Slug == slug);
        using var csv = new MemoryStream();
        sample.Write(csv, 300);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).TrimEnd('\n').Split('\n').Skip(1).ToList();

        for (var row = 1; row <= lines.Count; row++)
        {
            var record = sample.JsonRecord(row);
            using var json = JsonDocument.Parse(record);
            var fields = json.RootElement.EnumerateObject().ToList();
            Assert.Equal(sample.Columns, fields.Select(f => f.Name));
            var values = lines[row - 1].Split(',');
            for (var i = 0; i < fields.Count; i++)
            {
                var (value, type) = (fields[i].Value, sample.Schema[i].Type);
                var expected = type is "BIGINT" or "INTEGER" or "DOUBLE" || type.StartsWith("DECIMAL", StringComparison.Ordinal)
                    ? JsonValueKind.Number
                    : type == "BOOLEAN" ? (values[i] == "true" ? JsonValueKind.True : JsonValueKind.False)
                    : JsonValueKind.String;
                Assert.Equal(values[i] == "" ? JsonValueKind.Null : expected, value.ValueKind);
                Assert.Equal(values[i], value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => value.GetString(),
                    _ => value.GetRawText(),
                });
            }
            Assert.Equal(record, sample.JsonRecord(row));
        }
    }

    [Fact]
    public void Names_are_plain_utf8_not_escaped()
    {
        var record = Encoding.UTF8.GetString(new TrafficTickets().JsonRecord(1));
        Assert.Contains("\"plate\":\"", record);
        Assert.DoesNotContain("\\u", record);
    }
}
