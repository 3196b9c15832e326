namespace OpenData.Api;

/// <summary>Settings of the SQL endpoint's query jobs (<c>/api/v1/sql/queries</c>), section "SqlQueries".</summary>
public sealed class SqlQueriesOptions
{
    public const string Section = "SqlQueries";

    /// <summary>The time limit of a job that names no timeout_ms; capped by Sql:MaxTimeoutWithKey.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The rows a job keeps at most (and its max_rows when it names none); more are cut and the job says so.</summary>
    public long MaxRows { get; set; } = 1_000_000;

    /// <summary>The largest result file a job may keep; a larger result fails the job (422).</summary>
    public long MaxResultBytes { get; set; } = 1L << 30;

    /// <summary>How long a finished job and its result are kept.</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Jobs one key may have running at once; one more is refused (429).</summary>
    public int MaxRunningPerKey { get; set; } = 2;

    /// <summary>Jobs one key keeps; starting one more discards its oldest finished job.</summary>
    public int MaxKeptPerKey { get; set; } = 20;

    /// <summary>Rows of a page of <c>…/rows</c> without <c>limit</c>.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest <c>limit</c> of a page.</summary>
    public int MaxPageSize { get; set; } = 1000;
}
