using OpenData.Catalog;

namespace OpenData.Lake.Query;

/// <summary>
/// Who runs a query, in lake terms: which datasets its sandbox shows and from which tier. Each distinct audience
/// (grants included) gets its own DuckDB instance, so a sandbox never holds a folder its callers may not read.
/// </summary>
public sealed class QueryAudience
{
    private readonly Kind _kind;
    private readonly string? _department;
    private readonly IReadOnlySet<string> _grants;

    private QueryAudience(Kind kind, string? department, IEnumerable<string> grants)
    {
        _kind = kind;
        _department = department;
        _grants = new SortedSet<string>(grants, StringComparer.Ordinal);
        var key = kind.ToString().ToLowerInvariant() + (department is null ? "" : ":" + department);
        Key = _grants.Count == 0 ? key : key + "+" + string.Join(",", _grants);
    }

    private enum Kind
    {
        Public,
        Analyst,
        Department,
        Everything,
    }

    /// <summary>Anonymous callers: public datasets, read from the public tier (personal columns never written there).</summary>
    public static QueryAudience Public { get; } = new(Kind.Public, null, []);

    /// <summary>Admins: every dataset, from the internal tier.</summary>
    public static QueryAudience Everything { get; } = new(Kind.Everything, null, []);

    /// <summary>Analysts: public and internal datasets from the internal tier, plus the restricted ones granted by
    /// name ("department/dataset").</summary>
    public static QueryAudience Analyst(IEnumerable<string> grants) => new(Kind.Analyst, null, grants);

    /// <summary>A department's publisher: all of its own datasets from the internal tier, other departments' public
    /// datasets from the public tier, plus restricted ones granted by name.</summary>
    public static QueryAudience Department(string department, IEnumerable<string> grants) => new(Kind.Department, department, grants);

    /// <summary>Names the audience's sandbox: equal keys share one DuckDB instance.</summary>
    public string Key { get; }

    /// <summary>The tier this audience reads the dataset from, or null when the dataset is not visible to it.</summary>
    public string? TierOf(Dataset dataset)
    {
        if (_kind == Kind.Everything
            || (_kind == Kind.Department && dataset.Department == _department)
            || (_kind == Kind.Analyst && dataset.Access != AccessLevel.Restricted)
            || (dataset.Access == AccessLevel.Restricted && _grants.Contains($"{dataset.Department}/{dataset.Slug}")))
        {
            return LakeLayout.InternalTier;
        }
        return dataset.Access == AccessLevel.Public ? LakeLayout.PublicTier : null;
    }
}
