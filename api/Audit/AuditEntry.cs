namespace OpenData.Api;

/// <summary>One line of the audit log: who did what to which datasets, how much, how long, and how it ended.</summary>
public sealed record AuditEntry
{
    /// <summary>Given by the log when the entry is stored; ignored by <see cref="AuditLog.RecordAsync"/>.</summary>
    public long Id { get; init; }

    /// <summary>When the action happened (its start, say); left at default, the time it is recorded.</summary>
    public DateTimeOffset Time { get; init; }

    public required AuditAction Action { get; init; }

    /// <summary>The API key's id; null when anonymous.</summary>
    public string? KeyId { get; init; }

    public string? KeyName { get; init; }

    /// <summary>The key's role; null when anonymous.</summary>
    public ApiKeyRole? Role { get; init; }

    /// <summary>The datasets read or written, as "department/dataset".</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    public long? Rows { get; init; }

    public long? Bytes { get; init; }

    public long DurationMs { get; init; }

    /// <summary>The HTTP status answered (200, 201, 400, 408, 499 for a client that went away, …).</summary>
    public int Status { get; init; }

    /// <summary>Why it failed, short; null when it went well. Cut at <see cref="AuditLog.MaxErrorLength"/>.</summary>
    public string? Error { get; init; }

    /// <summary>What was asked, e.g. the SQL text. Cut at <see cref="AuditLog.MaxDetailLength"/>.</summary>
    public string? Detail { get; init; }

    /// <summary>An entry for <paramref name="caller"/>'s key (or anonymous), to fill in with what happened.</summary>
    public static AuditEntry For(Caller caller, AuditAction action) => new()
    {
        Action = action,
        KeyId = caller.KeyId,
        KeyName = caller.KeyName,
        Role = caller.Role,
    };
}
