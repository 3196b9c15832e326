using OpenData.Lake.Query;

namespace OpenData.Api;

/// <summary>Which sandbox a caller's SQL runs in (see docs/sql.md, "Who sees what").</summary>
public static class SqlAudiences
{
    public static QueryAudience For(Caller caller) => caller.Role switch
    {
        null => QueryAudience.Public,
        ApiKeyRole.Admin => QueryAudience.Everything,
        ApiKeyRole.Analyst => QueryAudience.Analyst(caller.Grants),
        // A publisher key always names its department; without one it owns nothing.
        ApiKeyRole.Publisher => QueryAudience.Department(caller.Department ?? "", caller.Grants),
        _ => QueryAudience.Public,
    };
}
