using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Lake;

/// <summary>
/// The state of one <see cref="LakeWriter.CommitAsync"/> across its attempts: the snapshot folders it wrote,
/// so that folders no version will reference are removed at once, and the new rows' folders that a retried
/// replace or append reuses instead of writing them again.
/// </summary>
internal sealed class CommitAttempt(DuckDBConnection connection, LakeCommitRequest request, string source)
{
    private readonly List<(SnapshotFolder Folder, bool Reusable)> _written = [];

    public DuckDBConnection Connection { get; } = connection;

    public LakeCommitRequest Request { get; } = request;

    /// <summary>The SELECT that yields the new rows.</summary>
    public string Source { get; } = source;

    public SnapshotFolder? NewRows { get; set; }

    public SnapshotFolder? NewPublicRows { get; set; }

    public SnapshotFolder Track(SnapshotFolder folder, bool reusable)
    {
        _written.Add((folder, reusable));
        return folder;
    }

    /// <summary>Deletes the folders written so far that hold none of <paramref name="referenced"/>
    /// (and, with <paramref name="keepReusable"/>, are not kept for the next attempt).</summary>
    public void DeleteWrittenExcept(IReadOnlyList<VersionFile> referenced, bool keepReusable)
    {
        var paths = referenced.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        for (var i = _written.Count - 1; i >= 0; i--)
        {
            var (folder, reusable) = _written[i];
            if ((keepReusable && reusable) || folder.Files.Any(f => paths.Contains(f.Path)))
            {
                continue;
            }
            SnapshotFolderWriter.TryDelete(folder.FullPath);
            _written.RemoveAt(i);
            if (ReferenceEquals(folder, NewRows))
            {
                NewRows = null;
            }
            if (ReferenceEquals(folder, NewPublicRows))
            {
                NewPublicRows = null;
            }
        }
    }
}
