namespace OpenData.Lake;

/// <summary>
/// The lake's one exception: a commit the lake refuses (missing dataset, missing sort or key column, duplicate
/// keys in an upsert, too many conflicting commits). DuckDB and catalog errors surface unchanged.
/// </summary>
public sealed class LakeException : Exception
{
    public LakeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
