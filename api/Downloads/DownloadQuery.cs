using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OpenData.Api;

/// <summary>
/// The query string of <c>GET /data/…</c>: which version, and Socrata's parameters for a filtered download. Like
/// Socrata's, <c>$select</c>, <c>$where</c> and <c>$order</c> are SQL fragments; they are assembled into one SELECT
/// over the version's view, which then passes the same checks and sandbox as any SQL query.
/// </summary>
public sealed record DownloadQuery(
    [FromQuery(Name = "version")] int? Version,
    [FromQuery(Name = "$select")] string? Select,
    [FromQuery(Name = "$where")] string? Where,
    [FromQuery(Name = "$order")] string? Order,
    [FromQuery(Name = "$limit")] long? Limit,
    [FromQuery(Name = "$offset")] long? Offset)
{
    private static readonly string[] Parameters = ["$select", "$where", "$order", "$limit", "$offset"];

    /// <summary>True when any Socrata parameter is given: the answer is a query, not the whole file.</summary>
    public static bool IsFiltered(IQueryCollection query) => query.Keys.Any(key => key.StartsWith('$'));

    /// <summary>A 400 problem naming the parameter that is wrong, or null.</summary>
    public ProblemHttpResult? Check(IQueryCollection query)
    {
        // Socrata has more ($group, $q, …): ignoring one would answer something else than was asked.
        if (query.Keys.FirstOrDefault(key => key.StartsWith('$') && !Parameters.Contains(key, StringComparer.Ordinal)) is { } unknown)
        {
            return Problems.Invalid(unknown, $"is not a download parameter: use {string.Join(", ", Parameters)}.");
        }
        if (Version < 1)
        {
            return Problems.Invalid("version", "must be a version number, 1 or more.");
        }
        foreach (var (name, fragment) in new[] { ("$select", Select), ("$where", Where), ("$order", Order) })
        {
            if (fragment is not null && string.IsNullOrWhiteSpace(fragment))
            {
                return Problems.Invalid(name, "must not be empty.");
            }
        }
        if (Limit < 0 || Offset < 0)
        {
            return Problems.Invalid(Limit < 0 ? "$limit" : "$offset", "must be 0 or more.");
        }
        return null;
    }

    /// <summary>
    /// The one SELECT. Each clause ends on a line of its own, so a "--" comment in a fragment ends with it; what a
    /// block comment or a UNION could do instead is refused by the check that the SELECT reads this view (SqlRunner).
    /// </summary>
    public string Sql(DownloadTarget target)
    {
        var sql = new StringBuilder($"SELECT {Select ?? "*"}\nFROM {target.ViewSql}");
        if (Where is not null)
        {
            sql.Append($"\nWHERE ({Where}\n)");
        }
        if (Order is not null)
        {
            sql.Append($"\nORDER BY {Order}");
        }
        if (Limit is { } limit)
        {
            sql.Append(CultureInfo.InvariantCulture, $"\nLIMIT {limit}");
        }
        if (Offset is { } offset)
        {
            sql.Append(CultureInfo.InvariantCulture, $"\nOFFSET {offset}");
        }
        return sql.ToString();
    }
}
