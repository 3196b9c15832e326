namespace OpenData.Streaming;

/// <summary>
/// What the consumer knows of one assigned partition: the next offsets the dataset and its rejects dataset hold
/// (as read from the catalog on assignment and moved by each commit; null before their first record).
/// </summary>
internal sealed class StreamPartitionState
{
    public long? RowsNext { get; set; }

    public long? RejectsNext { get; set; }

    /// <summary>Where to read from: the dataset's position (the rejects' may be ahead after a crash between the two
    /// commits, and the records in between must still be read; their rejects are then left out).</summary>
    public long? ReadFrom => RowsNext;

    /// <summary>A copy for a commit running on another thread to move.</summary>
    public StreamPartitionState Copy() => new() { RowsNext = RowsNext, RejectsNext = RejectsNext };

    /// <summary>The next offset after everything committed to either dataset: where lag is counted from.</summary>
    public long? Flushed => RowsNext is null ? RejectsNext : RejectsNext is null ? RowsNext : Math.Max(RowsNext.Value, RejectsNext.Value);
}
