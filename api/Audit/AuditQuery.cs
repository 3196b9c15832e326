namespace OpenData.Api;

/// <summary>Which audit entries to read, newest first. Every filter set must hold.</summary>
public sealed record AuditQuery
{
    /// <summary>Entries at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries before this time.</summary>
    public DateTimeOffset? To { get; init; }

    public string? KeyId { get; init; }

    public AuditAction? Action { get; init; }

    /// <summary>Entries that name this dataset, "department/dataset".</summary>
    public string? Dataset { get; init; }

    /// <summary>Entries older than the entry with this id: the next page after it.</summary>
    public long? Before { get; init; }

    public int Limit { get; init; } = 100;
}
