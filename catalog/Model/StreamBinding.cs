namespace OpenData.Catalog;

/// <summary>
/// A dataset bound to a Kafka topic: its records are appended to the dataset in micro-batches. One topic feeds
/// at most one dataset. <see cref="RejectsDataset"/> (same department) receives the messages that do not fit.
/// </summary>
public sealed record StreamBinding
{
    public const string JsonFormat = "json";

    public required string Department { get; init; }

    public required string Dataset { get; init; }

    public required string Topic { get; init; }

    /// <summary>The message format; only <see cref="JsonFormat"/> (one JSON object per message) for now.</summary>
    public string Format { get; init; } = JsonFormat;

    /// <summary>A batch is committed at the latest this long after its first record arrived.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A batch is committed as soon as it holds this many records.</summary>
    public int FlushSize { get; init; } = 50_000;

    /// <summary>The slug of the dataset that receives bad messages, in the same department.</summary>
    public required string RejectsDataset { get; init; }

    public string CreatedBy { get; init; } = "";

    /// <summary>Set by the catalog.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set by the catalog.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
