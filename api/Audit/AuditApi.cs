using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OpenData.Api;

/// <summary>GET /api/v1/audit: the audit log for admins, newest first, a page at a time.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", ReadAudit)
            .WithTags("Audit")
            .RequireAuthorization(ApiKeyPolicies.Admin)
            .WithName("ReadAudit")
            .WithSummary("Reads the audit log of uploads, queries and downloads, newest first, filtered by time, key, action and dataset.");
        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ReadAudit(
        [AsParameters] AuditSearch search, AuditLog audit, AuditOptions options, CancellationToken cancellationToken)
    {
        var limit = search.Limit ?? options.DefaultPageSize;
        if (limit < 1 || limit > options.MaxPageSize)
        {
            return Problems.Invalid("limit", $"must be between 1 and {options.MaxPageSize}, not {limit}.");
        }
        if (search.From >= search.To)
        {
            return Problems.Invalid("to", "must be later than from.");
        }
        AuditAction? action = null;
        if (search.Action is not null)
        {
            if (!Enum.TryParse<AuditAction>(search.Action, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Invalid("action", $"must be upload, query or download, not '{search.Action}'.");
            }
            action = parsed;
        }

        var entries = await audit.ReadAsync(new AuditQuery
        {
            From = search.From,
            To = search.To,
            KeyId = search.Key,
            Action = action,
            Dataset = search.Dataset,
            Before = search.Before,
            Limit = limit,
        }, cancellationToken);
        return TypedResults.Ok(new AuditPage(entries, limit, entries.Count == limit ? entries[^1].Id : null));
    }
}

/// <summary>The query of GET /api/v1/audit. Times are ISO 8601 (e.g. 2025-01-31T00:00:00Z); <c>from</c> is inclusive, <c>to</c> exclusive.</summary>
public sealed record AuditSearch(
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "key")] string? Key,
    [FromQuery(Name = "action")] string? Action,
    [FromQuery(Name = "dataset")] string? Dataset,
    [FromQuery(Name = "before")] long? Before,
    [FromQuery(Name = "limit")] int? Limit);

/// <summary>A page of the audit log; pass <see cref="NextBefore"/> as <c>before</c> for the next, older page (null: no more).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Limit, long? NextBefore);
