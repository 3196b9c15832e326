namespace OpenData.Api;

/// <summary>
/// Records uploads, queries and downloads (<see cref="AuditEntry"/>) and reads them back for admins. Recording
/// never fails the request it describes: when the write fails, a warning is logged and the request goes on.
/// </summary>
public sealed class AuditLog(AuditStore store, TimeProvider clock, ILogger<AuditLog> logger)
{
    public const int MaxErrorLength = 500;

    public const int MaxDetailLength = 4000;

    /// <summary>Stores <paramref name="entry"/> (one insert), stamped with the current time when its time is default.</summary>
    /// <param name="cancellationToken">Not used to give up the write: the entry of a request the client aborted
    /// (a cancelled RequestAborted) must be stored all the same.</param>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.AppendAsync(entry with
            {
                Time = entry.Time == default ? clock.GetUtcNow() : entry.Time,
                Error = Cut(entry.Error, MaxErrorLength),
                Detail = Cut(entry.Detail, MaxDetailLength),
            });
        }
        catch (Exception error)
        {
            logger.LogWarning(
                error, "Could not record the audit entry ({Action} of {Datasets} by key {KeyId}, status {Status}).",
                entry.Action, string.Join(", ", entry.Datasets), entry.KeyId ?? "anonymous", entry.Status);
        }
    }

    /// <inheritdoc cref="AuditStore.ReadAsync"/>
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        store.ReadAsync(query, cancellationToken);

    private static string? Cut(string? text, int length) => text is not null && text.Length > length ? text[..(length - 1)] + "…" : text;
}
