namespace OpenData.Cli;

/// <summary>What the process returns, one value per outcome a script may want to tell apart (docs/cli.md lists them).</summary>
public enum ExitCode
{
    Success = 0,

    /// <summary>Something unforeseen, or a local file that could not be read or written.</summary>
    Failure = 1,

    /// <summary>The command line is wrong: unknown command or option, missing or malformed argument.</summary>
    Usage = 2,

    /// <summary>The server refused the request (400, 409, 413, 415, 422, …) or failed (5xx); its problem details go to stderr.</summary>
    Refused = 3,

    /// <summary>401 (no key, or a wrong, expired or revoked one) or 403 (the key may not do this).</summary>
    Unauthorized = 4,

    /// <summary>404: the dataset, version or pipeline does not exist, or the key may not see it.</summary>
    NotFound = 5,

    /// <summary>The server could not be reached, or the connection broke before the answer was whole.</summary>
    Unreachable = 6,

    /// <summary>The upload was committed, but left rows out as rejects (as <c>--max-rejected-rows</c> allowed).</summary>
    RowsRejected = 7,

    /// <summary>The pipeline run ended as failed.</summary>
    RunFailed = 8,

    /// <summary>Stopped with Ctrl+C: 128 + SIGINT, as shells report it.</summary>
    Cancelled = 130,
}
