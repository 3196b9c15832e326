using System.Text;
using System.Text.Unicode;

namespace OpenData.Streaming;

/// <summary>The records of one stream's topic consumed since its last commit, and the offsets they span per partition.</summary>
public sealed class StreamBatch(string topic)
{
    private readonly List<StreamMessage> _messages = [];
    private readonly SortedDictionary<int, (long First, long Last, DateTimeOffset Newest)> _partitions = [];

    public string Topic { get; } = topic;

    public IReadOnlyList<StreamMessage> Messages => _messages;

    /// <summary>Per partition: the first and last offsets taken, and the newest record's timestamp.</summary>
    public IReadOnlyDictionary<int, (long First, long Last, DateTimeOffset Newest)> Partitions => _partitions;

    /// <summary>When the first record of this batch arrived (for the flush interval); null while empty.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    public int Count => _messages.Count;

    public void Add(int partition, long offset, DateTimeOffset timestamp, byte[]? value, DateTimeOffset now)
    {
        StartedAt ??= now;
        _messages.Add(value switch
        {
            null or { Length: 0 } => new StreamMessage(partition, offset, timestamp, null, "empty message"),
            _ when !Utf8.IsValid(value) => new StreamMessage(partition, offset, timestamp, Encoding.UTF8.GetString(value), "not UTF-8 text"),
            _ => new StreamMessage(partition, offset, timestamp, Encoding.UTF8.GetString(value), null),
        });
        _partitions[partition] = _partitions.TryGetValue(partition, out var seen)
            ? (seen.First, offset, timestamp > seen.Newest ? timestamp : seen.Newest)
            : (offset, offset, timestamp);
    }

    /// <summary>Forgets the records of these partitions (revoked, or to be read again from the catalog's offsets).</summary>
    public void Drop(IReadOnlyCollection<int> partitions)
    {
        _messages.RemoveAll(m => partitions.Contains(m.Partition));
        foreach (var partition in partitions)
        {
            _partitions.Remove(partition);
        }
        if (_messages.Count == 0)
        {
            StartedAt = null;
        }
    }

    public void Clear()
    {
        _messages.Clear();
        _partitions.Clear();
        StartedAt = null;
    }
}
