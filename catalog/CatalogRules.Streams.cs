using System.Text.RegularExpressions;

namespace OpenData.Catalog;

internal static partial class CatalogRules
{
    // Kafka's own rule for topic names.
    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$", RegexOptions.CultureInvariant)]
    private static partial Regex TopicPattern();

    public static void CheckStream(StreamBinding stream)
    {
        CheckSlug(stream.Department, "department");
        CheckSlug(stream.Dataset, "dataset");
        CheckSlug(stream.RejectsDataset, "rejects dataset");
        if (stream.RejectsDataset == stream.Dataset)
        {
            throw CatalogException.Invalid("A stream's rejects must go to another dataset than its records.");
        }
        if (stream.Topic is null || !TopicPattern().IsMatch(stream.Topic))
        {
            throw CatalogException.Invalid($"The topic '{stream.Topic}' must be 1 to 249 letters, digits, '.', '_' or '-'.");
        }
        if (stream.Format != StreamBinding.JsonFormat)
        {
            throw CatalogException.Invalid($"The message format '{stream.Format}' is not supported; use '{StreamBinding.JsonFormat}'.");
        }
        if (stream.FlushInterval < TimeSpan.FromMilliseconds(10) || stream.FlushInterval > TimeSpan.FromHours(1))
        {
            throw CatalogException.Invalid($"The flush interval {stream.FlushInterval} must be between 10 ms and 1 hour.");
        }
        if (stream.FlushSize is < 1 or > 10_000_000)
        {
            throw CatalogException.Invalid($"The flush size {stream.FlushSize} must be between 1 and 10,000,000 records.");
        }
    }

    public static void CheckOffsets(IReadOnlyList<StreamOffsetRange> ranges)
    {
        foreach (var range in ranges)
        {
            if (range.Partition < 0 || range.From < 0 || range.To < range.From)
            {
                throw CatalogException.Invalid($"The offset range {range} is not a range of a partition.");
            }
        }
        if (ranges.DistinctBy(r => (r.Topic, r.Partition)).Count() != ranges.Count)
        {
            throw CatalogException.Invalid("A commit may hold one offset range per topic partition.");
        }
    }
}
